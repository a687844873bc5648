package dev.noesis.jlama.structured;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.structured.RegexSubset;
import dev.noesis.core.structured.SchemaNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recognizes, byte by byte, exactly the JSON documents a schema allows (with bounded
 * whitespace and number length, so a document cannot go on forever without closing). A position
 * is an immutable chain of frames, innermost first; {@code anyOf} keeps several positions alive
 * side by side, so a {@link Cursor} holds a set of them.
 *
 * <p>Every position can be completed: no schema construct leads into a dead end. That, and the
 * presence of every single byte as a token in the vocabularies Noesis loads, is why masked
 * decoding can always continue until the document closes.
 */
final class JsonMachine {

    /** Whitespace bytes allowed between two lexemes. */
    static final int MAX_WHITESPACE = 8;
    /** Bytes allowed in one number. */
    static final int MAX_NUMBER_BYTES = 24;
    /** Positions a cursor may hold at once (anyOf branches still alive). */
    static final int MAX_POSITIONS = 256;

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonMachine() {}

    // ---- the schema, compiled once ----

    sealed interface Plan permits ObjectPlan, ArrayPlan, StringPlan, PatternPlan, NumberPlan, LiteralPlan, AnyOfPlan {}

    /** Keys are JSON-encoded (without their quotes), in schema order. */
    record ObjectPlan(byte[][] keys, Plan[] values, long required) implements Plan {}

    record ArrayPlan(Plan items, int min, int max) implements Plan {}

    record StringPlan(int min, int max) implements Plan {}

    record PatternPlan(RegexSubset regex) implements Plan {}

    record NumberPlan(boolean integer) implements Plan {}

    /** Exact alternatives, JSON-encoded: enum and const values, true/false, null. */
    record LiteralPlan(byte[][] options) implements Plan {}

    record AnyOfPlan(Plan[] options) implements Plan {}

    static Plan compile(SchemaNode s) {
        return switch (s) {
            case SchemaNode.ObjectSchema o -> {
                if (o.properties().size() > 64) {
                    throw new IllegalArgumentException(
                            "objects are limited to 64 properties (checked with the schema)");
                }
                byte[][] keys = new byte[o.properties().size()][];
                Plan[] values = new Plan[keys.length];
                long required = 0;
                int i = 0;
                for (var e : o.properties().entrySet()) {
                    byte[] quoted = encode(JSON.getNodeFactory().textNode(e.getKey()));
                    keys[i] = Arrays.copyOfRange(quoted, 1, quoted.length - 1);
                    values[i] = compile(e.getValue());
                    if (o.required().contains(e.getKey())) {
                        required |= 1L << i;
                    }
                    i++;
                }
                yield new ObjectPlan(keys, values, required);
            }
            case SchemaNode.ArraySchema a -> new ArrayPlan(compile(a.items()), a.minItems(), a.maxItems());
            case SchemaNode.StringSchema str ->
                str.pattern() != null
                        ? new PatternPlan(str.pattern())
                        : new StringPlan(str.minLength(), str.maxLength());
            case SchemaNode.NumberSchema n -> new NumberPlan(n.integer());
            case SchemaNode.BooleanSchema b -> new LiteralPlan(new byte[][] {ascii("true"), ascii("false")});
            case SchemaNode.NullSchema n -> new LiteralPlan(new byte[][] {ascii("null")});
            case SchemaNode.EnumSchema e ->
                new LiteralPlan(e.values().stream().map(JsonMachine::encode).toArray(byte[][]::new));
            case SchemaNode.AnyOfSchema any -> {
                List<Plan> flat = new ArrayList<>();
                for (SchemaNode option : any.options()) {
                    Plan p = compile(option);
                    if (p instanceof AnyOfPlan nested) {
                        flat.addAll(Arrays.asList(nested.options()));
                    } else {
                        flat.add(p);
                    }
                }
                yield new AnyOfPlan(flat.toArray(Plan[]::new));
            }
        };
    }

    /** Fewest bytes of a document of this plan, for messages about budgets. */
    static int minimalBytes(Plan p) {
        return switch (p) {
            case ObjectPlan o -> {
                int n = 2;
                int fields = 0;
                for (int i = 0; i < o.keys().length; i++) {
                    if ((o.required() & (1L << i)) != 0) {
                        n += o.keys()[i].length + 3 + minimalBytes(o.values()[i]);
                        fields++;
                    }
                }
                yield n + Math.max(0, fields - 1);
            }
            case ArrayPlan a -> 2 + a.min() * minimalBytes(a.items()) + Math.max(0, a.min() - 1);
            case StringPlan s -> 2 + s.min();
            case PatternPlan r -> 2;
            case NumberPlan n -> 1;
            case LiteralPlan l ->
                Arrays.stream(l.options()).mapToInt(o -> o.length).min().orElse(0);
            case AnyOfPlan any ->
                Arrays.stream(any.options())
                        .mapToInt(JsonMachine::minimalBytes)
                        .min()
                        .orElse(0);
        };
    }

    private static byte[] encode(JsonNode value) {
        try {
            return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean whitespace(int b) {
        return b == ' ' || b == '\n' || b == '\t' || b == '\r';
    }

    // ---- positions ----

    /** A position in a document: the innermost frame, linked to the frames around it. Immutable. */
    abstract static class Frame {
        final Frame parent;

        Frame(Frame parent) {
            this.parent = parent;
        }

        /** Adds to {@code out} the positions after byte {@code b}; adds none when {@code b} cannot come here. */
        abstract void feed(int b, List<Frame> out);

        /** The finished document if the input may end here, else null. */
        Frame end() {
            return null;
        }
    }

    /** A frame that holds values: its state once the value inside it has ended. */
    abstract static class Container extends Frame {
        Container(Frame parent) {
            super(parent);
        }

        abstract Frame afterValue();
    }

    /** Starts a value of {@code plan} with byte {@code b}; the value's frames sit inside {@code parent}. */
    static void startValue(Plan plan, Container parent, int b, List<Frame> out) {
        switch (plan) {
            case AnyOfPlan any -> {
                for (Plan option : any.options()) {
                    startValue(option, parent, b, out);
                }
            }
            case ObjectPlan o -> {
                if (b == '{') {
                    out.add(new ObjectFrame(o, ObjectFrame.OPEN, 0, 0, 0, 0, -1, parent));
                }
            }
            case ArrayPlan a -> {
                if (b == '[') {
                    out.add(new ArrayFrame(a, ArrayFrame.OPEN, 0, 0, parent));
                }
            }
            case StringPlan s -> {
                if (b == '"') {
                    out.add(new StringFrame(s, StringLexer.NORMAL, 0, parent));
                }
            }
            case PatternPlan r -> {
                if (b == '"') {
                    out.add(new PatternFrame(r, r.regex().start(), StringLexer.NORMAL, 0, parent));
                }
            }
            case NumberPlan n -> NumberFrame.start(n, parent, b, out);
            case LiteralPlan l -> LiteralFrame.advance(l, allIndices(l.options().length), 0, parent, b, out);
        }
    }

    private static int[] allIndices(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    /** The document around the root value: whitespace before it, the value, whitespace after it. */
    static final class Root extends Container {
        final Plan plan;
        final boolean done;
        final int ws;

        Root(Plan plan, boolean done, int ws) {
            super(null);
            this.plan = plan;
            this.done = done;
            this.ws = ws;
        }

        @Override
        void feed(int b, List<Frame> out) {
            if (whitespace(b)) {
                if (ws < MAX_WHITESPACE) {
                    out.add(new Root(plan, done, ws + 1));
                }
            } else if (!done) {
                startValue(plan, new Root(plan, false, 0), b, out);
            }
        }

        @Override
        Frame afterValue() {
            return new Root(plan, true, 0);
        }

        @Override
        Frame end() {
            return done ? this : null;
        }
    }

    static final class ObjectFrame extends Container {
        static final int OPEN = 0;
        static final int KEY = 1;
        static final int AFTER_KEY = 2;
        static final int AFTER_COLON = 3;
        static final int IN_VALUE = 4;
        static final int AFTER_VALUE = 5;
        static final int AFTER_COMMA = 6;

        final ObjectPlan plan;
        final int phase;
        final int ws;
        final long seen;
        final long candidates;
        final int pos;
        final int key;

        ObjectFrame(ObjectPlan plan, int phase, int ws, long seen, long candidates, int pos, int key, Frame parent) {
            super(parent);
            this.plan = plan;
            this.phase = phase;
            this.ws = ws;
            this.seen = seen;
            this.candidates = candidates;
            this.pos = pos;
            this.key = key;
        }

        private ObjectFrame with(int newPhase, int newWs, long newSeen, long newCandidates, int newPos, int newKey) {
            return new ObjectFrame(plan, newPhase, newWs, newSeen, newCandidates, newPos, newKey, parent);
        }

        private long unseen() {
            long all = plan.keys().length == 64 ? -1L : (1L << plan.keys().length) - 1;
            return all & ~seen;
        }

        private boolean requiredDone() {
            return (plan.required() & ~seen) == 0;
        }

        @Override
        void feed(int b, List<Frame> out) {
            if (phase != KEY && phase != IN_VALUE && whitespace(b)) {
                if (ws < MAX_WHITESPACE) {
                    out.add(with(phase, ws + 1, seen, candidates, pos, key));
                }
                return;
            }
            switch (phase) {
                case OPEN, AFTER_VALUE, AFTER_COMMA -> {
                    if (b == '"' && phase != AFTER_VALUE && unseen() != 0) {
                        out.add(with(KEY, 0, seen, unseen(), 0, -1));
                    } else if (b == '}' && phase != AFTER_COMMA && requiredDone()) {
                        out.add(((Container) parent).afterValue());
                    } else if (b == ',' && phase == AFTER_VALUE && unseen() != 0) {
                        out.add(with(AFTER_COMMA, 0, seen, 0, 0, -1));
                    }
                }
                case KEY -> {
                    long next = 0;
                    for (long c = candidates; c != 0; c &= c - 1) {
                        int k = Long.numberOfTrailingZeros(c);
                        byte[] name = plan.keys()[k];
                        if (b == '"' && name.length == pos) {
                            out.add(with(AFTER_KEY, 0, seen, 0, 0, k));
                            return;
                        }
                        if (pos < name.length && (name[pos] & 0xFF) == b) {
                            next |= 1L << k;
                        }
                    }
                    if (next != 0) {
                        out.add(with(KEY, 0, seen, next, pos + 1, -1));
                    }
                }
                case AFTER_KEY -> {
                    if (b == ':') {
                        out.add(with(AFTER_COLON, 0, seen, 0, 0, key));
                    }
                }
                case AFTER_COLON -> startValue(plan.values()[key], with(IN_VALUE, 0, seen, 0, 0, key), b, out);
                default -> throw new IllegalStateException("an object holding a value is not fed directly");
            }
        }

        @Override
        Frame afterValue() {
            return with(AFTER_VALUE, 0, seen | (1L << key), 0, 0, -1);
        }
    }

    static final class ArrayFrame extends Container {
        static final int OPEN = 0;
        static final int IN_VALUE = 1;
        static final int AFTER_VALUE = 2;
        static final int AFTER_COMMA = 3;

        final ArrayPlan plan;
        final int phase;
        final int ws;
        final int count;

        ArrayFrame(ArrayPlan plan, int phase, int ws, int count, Frame parent) {
            super(parent);
            this.plan = plan;
            this.phase = phase;
            this.ws = ws;
            this.count = count;
        }

        @Override
        void feed(int b, List<Frame> out) {
            if (whitespace(b)) {
                if (ws < MAX_WHITESPACE) {
                    out.add(new ArrayFrame(plan, phase, ws + 1, count, parent));
                }
                return;
            }
            switch (phase) {
                case OPEN -> {
                    if (b == ']') {
                        if (plan.min() == 0) {
                            out.add(((Container) parent).afterValue());
                        }
                    } else if (plan.max() > 0) {
                        startValue(plan.items(), new ArrayFrame(plan, IN_VALUE, 0, 0, parent), b, out);
                    }
                }
                case AFTER_VALUE -> {
                    if (b == ',' && count < plan.max()) {
                        out.add(new ArrayFrame(plan, AFTER_COMMA, 0, count, parent));
                    } else if (b == ']' && count >= plan.min()) {
                        out.add(((Container) parent).afterValue());
                    }
                }
                case AFTER_COMMA -> startValue(plan.items(), new ArrayFrame(plan, IN_VALUE, 0, count, parent), b, out);
                default -> throw new IllegalStateException("an array holding a value is not fed directly");
            }
        }

        @Override
        Frame afterValue() {
            return new ArrayFrame(plan, AFTER_VALUE, 0, count + 1, parent);
        }
    }

    /** Inside a free string: {@code count} characters so far, lexer state {@code lex}. */
    static final class StringFrame extends Frame {
        final StringPlan plan;
        final int lex;
        final int count;

        StringFrame(StringPlan plan, int lex, int count, Frame parent) {
            super(parent);
            this.plan = plan;
            this.lex = lex;
            this.count = count;
        }

        @Override
        void feed(int b, List<Frame> out) {
            int next = StringLexer.step(lex, b);
            if (next == StringLexer.CLOSE) {
                if (count >= plan.min()) {
                    out.add(((Container) parent).afterValue());
                }
            } else if (next != StringLexer.REJECT) {
                int c = StringLexer.startsCharacter(lex, b) ? count + 1 : count;
                if (c <= plan.max()) {
                    out.add(new StringFrame(plan, next, c, parent));
                }
            }
        }
    }

    /** Inside a string that must match a pattern: the automaton's state and the character being decoded. */
    static final class PatternFrame extends Frame {
        final PatternPlan plan;
        final int state;
        final int lex;
        final int codePoint;

        PatternFrame(PatternPlan plan, int state, int lex, int codePoint, Frame parent) {
            super(parent);
            this.plan = plan;
            this.state = state;
            this.lex = lex;
            this.codePoint = codePoint;
        }

        @Override
        void feed(int b, List<Frame> out) {
            RegexSubset regex = plan.regex();
            if (lex == StringLexer.NORMAL) {
                if (b == '"') {
                    if (regex.accepts(state)) {
                        out.add(((Container) parent).afterValue());
                    }
                    return;
                }
                if (b == '\\' || b < 0x20) {
                    return; // the decoder writes pattern strings without escapes
                }
                if (b < 0x80) {
                    character(b, out);
                    return;
                }
                int next = StringLexer.step(lex, b);
                if (next != StringLexer.REJECT) {
                    partial(next, b >= 0xF0 ? b & 0x07 : b >= 0xE0 ? b & 0x0F : b & 0x1F, out);
                }
                return;
            }
            int next = StringLexer.step(lex, b);
            if (next == StringLexer.REJECT) {
                return;
            }
            int cp = (codePoint << 6) | (b & 0x3F);
            if (next == StringLexer.NORMAL) {
                character(cp, out);
            } else {
                partial(next, cp, out);
            }
        }

        /** Part of a multi-byte character is written: go on only if a character it can still become is allowed. */
        private void partial(int nextLex, int bits, List<Frame> out) {
            int remaining = switch (nextLex) {
                case StringLexer.CONT1 -> 1;
                case StringLexer.CONT2, StringLexer.CONT2_AFTER_E0, StringLexer.CONT2_AFTER_ED -> 2;
                default -> 3;
            };
            // The code points this prefix can still become. Right after the lead byte the range
            // starts at the first code point of that length (UTF-8 has no overlong forms); later
            // bytes were already range-checked by the lexer. ED never starts a surrogate.
            int lo = bits << (6 * remaining);
            int hi = lo | ((1 << (6 * remaining)) - 1);
            if (lex == StringLexer.NORMAL) {
                lo = Math.max(lo, remaining == 1 ? 0x80 : remaining == 2 ? 0x800 : 0x10000);
            }
            hi = Math.min(hi, nextLex == StringLexer.CONT2_AFTER_ED ? 0xD7FF : 0x10FFFF);
            if (lo <= hi && plan.regex().anyLiveForGeneration(state, lo, hi)) {
                out.add(new PatternFrame(plan, state, nextLex, bits, parent));
            }
        }

        private void character(int cp, List<Frame> out) {
            int next = plan.regex().step(state, cp);
            if (plan.regex().liveForGeneration(next)) {
                out.add(new PatternFrame(plan, next, StringLexer.NORMAL, 0, parent));
            }
        }
    }

    static final class NumberFrame extends Frame {
        static final int MINUS = 0;
        static final int ZERO = 1;
        static final int INT = 2;
        static final int DOT = 3;
        static final int FRACTION = 4;
        static final int EXP = 5;
        static final int EXP_SIGN = 6;
        static final int EXP_DIGITS = 7;

        final NumberPlan plan;
        final int lex;
        final int bytes;

        NumberFrame(NumberPlan plan, int lex, int bytes, Frame parent) {
            super(parent);
            this.plan = plan;
            this.lex = lex;
            this.bytes = bytes;
        }

        static void start(NumberPlan plan, Container parent, int b, List<Frame> out) {
            if (b == '-') {
                out.add(new NumberFrame(plan, MINUS, 1, parent));
            } else if (b == '0') {
                out.add(new NumberFrame(plan, ZERO, 1, parent));
            } else if (b >= '1' && b <= '9') {
                out.add(new NumberFrame(plan, INT, 1, parent));
            }
        }

        private int next(int b) {
            boolean digit = b >= '0' && b <= '9';
            boolean real = !plan.integer();
            return switch (lex) {
                case MINUS -> b == '0' ? ZERO : digit ? INT : -1;
                case ZERO -> real && b == '.' ? DOT : real && (b == 'e' || b == 'E') ? EXP : -1;
                case INT -> digit ? INT : real && b == '.' ? DOT : real && (b == 'e' || b == 'E') ? EXP : -1;
                case DOT -> digit ? FRACTION : -1;
                case FRACTION -> digit ? FRACTION : b == 'e' || b == 'E' ? EXP : -1;
                case EXP -> b == '+' || b == '-' ? EXP_SIGN : digit ? EXP_DIGITS : -1;
                case EXP_SIGN, EXP_DIGITS -> digit ? EXP_DIGITS : -1;
                default -> -1;
            };
        }

        private boolean complete() {
            return lex == ZERO || lex == INT || lex == FRACTION || lex == EXP_DIGITS;
        }

        @Override
        void feed(int b, List<Frame> out) {
            int next = next(b);
            if (next >= 0) {
                if (bytes < MAX_NUMBER_BYTES) {
                    out.add(new NumberFrame(plan, next, bytes + 1, parent));
                }
            } else if (complete()) {
                ((Container) parent).afterValue().feed(b, out); // the byte after a number belongs to what holds it
            }
        }

        @Override
        Frame end() {
            return complete() ? ((Container) parent).afterValue().end() : null;
        }
    }

    /** Matching one of a set of exact encodings; {@code candidates} still match the first {@code pos} bytes. */
    static final class LiteralFrame extends Frame {
        final LiteralPlan plan;
        final int[] candidates;
        final int pos;

        LiteralFrame(LiteralPlan plan, int[] candidates, int pos, Frame parent) {
            super(parent);
            this.plan = plan;
            this.candidates = candidates;
            this.pos = pos;
        }

        static void advance(LiteralPlan plan, int[] candidates, int pos, Container parent, int b, List<Frame> out) {
            byte[][] options = plan.options();
            int n = 0;
            boolean anyLonger = false;
            boolean endsHere = false;
            int[] next = new int[candidates.length];
            for (int c : candidates) {
                byte[] o = options[c];
                if (o.length == pos) {
                    endsHere = true;
                } else if ((o[pos] & 0xFF) == b) {
                    next[n++] = c;
                    anyLonger |= o.length > pos + 1;
                }
            }
            if (n > 0) {
                if (anyLonger) {
                    out.add(new LiteralFrame(plan, Arrays.copyOf(next, n), pos + 1, parent));
                } else {
                    out.add(parent.afterValue()); // every match is complete and nothing longer matches
                }
            } else if (endsHere) {
                parent.afterValue().feed(b, out);
            }
        }

        @Override
        void feed(int b, List<Frame> out) {
            advance(plan, candidates, pos, (Container) parent, b, out);
        }

        @Override
        Frame end() {
            for (int c : candidates) {
                if (plan.options()[c].length == pos) {
                    return ((Container) parent).afterValue().end();
                }
            }
            return null;
        }
    }
}
