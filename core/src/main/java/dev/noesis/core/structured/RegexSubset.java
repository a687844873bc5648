package dev.noesis.core.structured;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The regular-expression subset Noesis supports in a schema's {@code pattern}, compiled to a
 * deterministic automaton over code points. One automaton both validates strings and steers the
 * decoder character by character, so the two can never disagree.
 *
 * <p>Supported: literals, {@code .}, classes {@code [a-z0-9_]} and {@code [^...]}, {@code \d \w \s}
 * and their negations, escaped metacharacters, groups {@code (...)} and {@code (?:...)},
 * alternation, the quantifiers {@code * + ? {n} {n,} {n,m}}, and {@code ^}/{@code $} at the ends.
 * As in JSON Schema, a pattern without {@code ^}/{@code $} may match anywhere in the string.
 * Backreferences, lookaround, word boundaries and Unicode property classes are refused.
 */
public final class RegexSubset {

    private static final int MAX_CODE_POINT = 0x10FFFF;
    private static final int MAX_REPEAT = 100;
    private static final int MAX_NFA_STATES = 20_000;
    private static final int MAX_DFA_STATES = 4_000;

    private final String source;
    /** Starts of the alphabet's classes: code points in [classStart[i], classStart[i+1]) behave alike. */
    private final int[] classStart;

    private final int[][] next;
    private final boolean[] accepting;
    private final boolean[] liveForGeneration;

    private RegexSubset(String source, int[] classStart, int[][] next, boolean[] accepting) {
        this.source = source;
        this.classStart = classStart;
        this.next = next;
        this.accepting = accepting;
        this.liveForGeneration = liveStates(true);
    }

    /**
     * Compiles {@code pattern}.
     *
     * @param where the schema path, for messages
     * @throws UnsupportedSchemaException naming what is not supported
     */
    public static RegexSubset compile(String pattern, String where) {
        Parser p = new Parser(pattern, where);
        Nfa nfa = new Nfa(where);
        int[] frag = p.parse(nfa);
        return determinize(pattern, nfa, frag[0], frag[1], where);
    }

    public String source() {
        return source;
    }

    public int start() {
        return 0;
    }

    /** The state after {@code codePoint}, or -1 when no match can follow. */
    public int step(int state, int codePoint) {
        int c = Arrays.binarySearch(classStart, codePoint);
        if (c < 0) {
            c = -c - 2;
        }
        return next[state][c];
    }

    /**
     * Whether some code point in {@code [lo, hi]} leads from {@code state} to a state that is
     * live for generation. The decoder asks this while a multi-byte character is half written:
     * its first bytes fix a range of code points, and at least one of them must be usable.
     */
    public boolean anyLiveForGeneration(int state, int lo, int hi) {
        int c = Arrays.binarySearch(classStart, lo);
        if (c < 0) {
            c = -c - 2;
        }
        for (; c < classStart.length && classStart[c] <= hi; c++) {
            int start = Math.max(classStart[c], lo);
            int end = Math.min(hi, c + 1 < classStart.length ? classStart[c + 1] - 1 : MAX_CODE_POINT);
            if (start <= end && start >= 0x20 && liveForGeneration(next[state][c])) {
                return true;
            }
        }
        return false;
    }

    public boolean accepts(int state) {
        return accepting[state];
    }

    /**
     * Whether a match can still be completed from {@code state} with characters a decoder writes
     * unescaped (printable, not {@code "} or {@code \}).
     */
    public boolean liveForGeneration(int state) {
        return state >= 0 && liveForGeneration[state];
    }

    public boolean matches(String text) {
        int s = start();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            s = step(s, cp);
            if (s < 0) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return accepts(s);
    }

    /** Characters a decoder writes into a JSON string without an escape. */
    public static boolean writtenRaw(int cp) {
        return cp >= 0x20 && cp != '"' && cp != '\\';
    }

    private boolean[] liveStates(boolean rawOnly) {
        boolean[] live = accepting.clone();
        for (boolean changed = true; changed; ) {
            changed = false;
            for (int s = 0; s < next.length; s++) {
                if (live[s]) {
                    continue;
                }
                for (int c = 0; c < classStart.length && !live[s]; c++) {
                    int t = next[s][c];
                    if (t >= 0 && live[t] && (!rawOnly || classHasRaw(c))) {
                        live[s] = true;
                        changed = true;
                    }
                }
            }
        }
        return live;
    }

    private boolean classHasRaw(int c) {
        int lo = Math.max(classStart[c], 0x20);
        int hi = c + 1 < classStart.length ? classStart[c + 1] - 1 : MAX_CODE_POINT;
        // Above 0x1F only '"' and '\\' are escaped, and they are not adjacent.
        return lo <= hi && !(lo == hi && (lo == '"' || lo == '\\'));
    }

    // ---- construction: Thompson NFA, then subset construction over alphabet classes ----

    private static final class Nfa {
        final List<List<Integer>> eps = new ArrayList<>();
        final List<List<int[]>> edges = new ArrayList<>(); // {lo, hi, target}
        final String where;

        Nfa(String where) {
            this.where = where;
        }

        int state() {
            if (eps.size() >= MAX_NFA_STATES) {
                throw new UnsupportedSchemaException(
                        "The pattern at " + where + " is too large to compile (reduce its repetition counts).");
            }
            eps.add(new ArrayList<>());
            edges.add(new ArrayList<>());
            return eps.size() - 1;
        }

        void epsilon(int from, int to) {
            eps.get(from).add(to);
        }

        void edge(int from, List<int[]> ranges, int to) {
            for (int[] r : ranges) {
                edges.get(from).add(new int[] {r[0], r[1], to});
            }
        }
    }

    /** A pattern parsed into a tree, built into the NFA as often as repetition needs. */
    private interface Node {
        int[] build(Nfa nfa);
    }

    private record Chars(List<int[]> ranges) implements Node {
        public int[] build(Nfa nfa) {
            int a = nfa.state();
            int b = nfa.state();
            nfa.edge(a, ranges, b);
            return new int[] {a, b};
        }
    }

    private record Seq(List<Node> parts) implements Node {
        public int[] build(Nfa nfa) {
            int start = nfa.state();
            int end = start;
            for (Node n : parts) {
                int[] f = n.build(nfa);
                nfa.epsilon(end, f[0]);
                end = f[1];
            }
            return new int[] {start, end};
        }
    }

    private record Alt(List<Node> options) implements Node {
        public int[] build(Nfa nfa) {
            int start = nfa.state();
            int end = nfa.state();
            for (Node n : options) {
                int[] f = n.build(nfa);
                nfa.epsilon(start, f[0]);
                nfa.epsilon(f[1], end);
            }
            return new int[] {start, end};
        }
    }

    /** {@code max} < 0 means unbounded. */
    private record Repeat(Node body, int min, int max) implements Node {
        public int[] build(Nfa nfa) {
            int start = nfa.state();
            int end = start;
            for (int i = 0; i < min; i++) {
                int[] f = body.build(nfa);
                nfa.epsilon(end, f[0]);
                end = f[1];
            }
            if (max < 0) {
                int[] f = body.build(nfa);
                nfa.epsilon(end, f[0]);
                nfa.epsilon(f[1], f[0]);
                int out = nfa.state();
                nfa.epsilon(end, out);
                nfa.epsilon(f[1], out);
                return new int[] {start, out};
            }
            int out = nfa.state();
            nfa.epsilon(end, out);
            for (int i = min; i < max; i++) {
                int[] f = body.build(nfa);
                nfa.epsilon(end, f[0]);
                nfa.epsilon(f[1], out);
                end = f[1];
            }
            return new int[] {start, out};
        }
    }

    private static final class Parser {
        private final String p;
        private final String where;
        private int i;

        Parser(String pattern, String where) {
            this.p = pattern;
            this.where = where;
        }

        int[] parse(Nfa nfa) {
            boolean anchoredStart = p.startsWith("^");
            if (anchoredStart) {
                i = 1;
            }
            Node body = alternation();
            boolean anchoredEnd = false;
            if (i < p.length() && p.charAt(i) == '$') {
                anchoredEnd = true;
                i++;
            }
            if (i < p.length()) {
                throw unsupported(p.charAt(i) == ')' ? "an unbalanced ')'" : "'" + p.charAt(i) + "' here");
            }
            List<Node> parts = new ArrayList<>();
            Node any = new Repeat(new Chars(List.of(new int[] {0, MAX_CODE_POINT})), 0, -1);
            if (!anchoredStart) {
                parts.add(any);
            }
            parts.add(body);
            if (!anchoredEnd) {
                parts.add(any);
            }
            return new Seq(parts).build(nfa);
        }

        private Node alternation() {
            List<Node> options = new ArrayList<>();
            options.add(sequence());
            while (i < p.length() && p.charAt(i) == '|') {
                i++;
                options.add(sequence());
            }
            return options.size() == 1 ? options.get(0) : new Alt(options);
        }

        private Node sequence() {
            List<Node> parts = new ArrayList<>();
            while (i < p.length()
                    && p.charAt(i) != '|'
                    && p.charAt(i) != ')'
                    && !(p.charAt(i) == '$' && i == p.length() - 1)) {
                parts.add(quantified(atom()));
            }
            return new Seq(parts);
        }

        private Node quantified(Node atom) {
            if (i >= p.length()) {
                return atom;
            }
            char c = p.charAt(i);
            Node result;
            if (c == '*') {
                i++;
                result = new Repeat(atom, 0, -1);
            } else if (c == '+') {
                i++;
                result = new Repeat(atom, 1, -1);
            } else if (c == '?') {
                i++;
                result = new Repeat(atom, 0, 1);
            } else if (c == '{' && i + 1 < p.length() && Character.isDigit(p.charAt(i + 1))) {
                i++;
                int min = number();
                int max = min;
                if (p.charAt(i) == ',') {
                    i++;
                    max = i < p.length() && p.charAt(i) == '}' ? -1 : number();
                }
                expect('}');
                if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && max < min)) {
                    throw unsupported(
                            "the repetition {" + min + "," + max + "} (counts up to " + MAX_REPEAT + ", min <= max)");
                }
                result = new Repeat(atom, min, max);
            } else {
                return atom;
            }
            if (i < p.length() && p.charAt(i) == '?') {
                i++; // lazy quantifiers match the same strings
            }
            if (i < p.length() && "*+?".indexOf(p.charAt(i)) >= 0) {
                throw unsupported("a quantifier after a quantifier");
            }
            return result;
        }

        private Node atom() {
            char c = p.charAt(i);
            switch (c) {
                case '(' -> {
                    i++;
                    if (p.startsWith("?:", i)) {
                        i += 2;
                    } else if (i < p.length() && p.charAt(i) == '?') {
                        throw unsupported("lookaround and named groups");
                    }
                    Node inner = alternation();
                    expect(')');
                    return inner;
                }
                case '[' -> {
                    return new Chars(charClass());
                }
                case '.' -> {
                    i++;
                    return new Chars(complement(
                            List.of(new int[] {'\n', '\n'}, new int[] {'\r', '\r'}, new int[] {0x2028, 0x2029})));
                }
                case '\\' -> {
                    return new Chars(escape(false));
                }
                case '*', '+', '?', '{' -> throw unsupported("a quantifier with nothing to repeat");
                case '^', '$' -> throw unsupported("'" + c + "' except at the very start or end");
                default -> {
                    int cp = p.codePointAt(i);
                    i += Character.charCount(cp);
                    return new Chars(List.of(new int[] {cp, cp}));
                }
            }
        }

        private List<int[]> charClass() {
            i++; // [
            boolean negate = i < p.length() && p.charAt(i) == '^';
            if (negate) {
                i++;
            }
            List<int[]> ranges = new ArrayList<>();
            boolean first = true;
            while (i < p.length() && (p.charAt(i) != ']' || first)) {
                first = false;
                List<int[]> lo;
                if (p.charAt(i) == '\\') {
                    lo = escape(true);
                } else {
                    int cp = p.codePointAt(i);
                    i += Character.charCount(cp);
                    lo = List.of(new int[] {cp, cp});
                }
                if (lo.size() == 1
                        && lo.get(0)[0] == lo.get(0)[1]
                        && i + 1 < p.length()
                        && p.charAt(i) == '-'
                        && p.charAt(i + 1) != ']') {
                    i++;
                    int hi;
                    if (p.charAt(i) == '\\') {
                        List<int[]> e = escape(true);
                        if (e.size() != 1 || e.get(0)[0] != e.get(0)[1]) {
                            throw unsupported("a class shorthand as the end of a range");
                        }
                        hi = e.get(0)[0];
                    } else {
                        hi = p.codePointAt(i);
                        i += Character.charCount(hi);
                    }
                    if (hi < lo.get(0)[0]) {
                        throw unsupported("the reversed range in a character class");
                    }
                    ranges.add(new int[] {lo.get(0)[0], hi});
                } else {
                    ranges.addAll(lo);
                }
            }
            expect(']');
            return negate ? complement(ranges) : ranges;
        }

        private List<int[]> escape(boolean inClass) {
            i++; // backslash
            if (i >= p.length()) {
                throw unsupported("a trailing backslash");
            }
            char c = p.charAt(i++);
            List<int[]> digits = List.of(new int[] {'0', '9'});
            List<int[]> word =
                    List.of(new int[] {'0', '9'}, new int[] {'A', 'Z'}, new int[] {'_', '_'}, new int[] {'a', 'z'});
            List<int[]> space = List.of(
                    new int[] {'\t', '\r'},
                    new int[] {' ', ' '},
                    new int[] {0xA0, 0xA0},
                    new int[] {0x1680, 0x1680},
                    new int[] {0x2000, 0x200A},
                    new int[] {0x2028, 0x2029},
                    new int[] {0x202F, 0x202F},
                    new int[] {0x205F, 0x205F},
                    new int[] {0x3000, 0x3000},
                    new int[] {0xFEFF, 0xFEFF});
            return switch (c) {
                case 'd' -> digits;
                case 'D' -> complement(digits);
                case 'w' -> word;
                case 'W' -> complement(word);
                case 's' -> space;
                case 'S' -> complement(space);
                case 't' -> single('\t');
                case 'n' -> single('\n');
                case 'r' -> single('\r');
                case 'f' -> single('\f');
                case 'v' -> single(0x0B);
                case '0' -> single(0);
                case 'u' -> {
                    if (i + 4 > p.length()) {
                        throw unsupported("a short \\u escape");
                    }
                    try {
                        int cp = Integer.parseInt(p.substring(i, i + 4), 16);
                        i += 4;
                        yield single(cp);
                    } catch (NumberFormatException e) {
                        throw unsupported("the \\u escape \\u" + p.substring(i, i + 4));
                    }
                }
                default -> {
                    if ("\\^$.|?*+()[]{}/-".indexOf(c) >= 0) {
                        yield single(c);
                    }
                    throw unsupported("the escape \\" + c + (inClass ? " in a character class" : "")
                            + (c == 'b' || c == 'B'
                                    ? " (word boundaries)"
                                    : c == 'p' || c == 'P'
                                            ? " (Unicode properties)"
                                            : Character.isDigit(c) ? " (backreferences)" : ""));
                }
            };
        }

        private static List<int[]> single(int cp) {
            return List.of(new int[] {cp, cp});
        }

        private int number() {
            int start = i;
            while (i < p.length() && Character.isDigit(p.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw unsupported("a repetition count that is not a number");
            }
            try {
                return Integer.parseInt(p.substring(start, i));
            } catch (NumberFormatException e) {
                throw unsupported("the repetition count " + p.substring(start, i));
            }
        }

        private void expect(char c) {
            if (i >= p.length() || p.charAt(i) != c) {
                throw unsupported("a missing '" + c + "'");
            }
            i++;
        }

        private UnsupportedSchemaException unsupported(String what) {
            return new UnsupportedSchemaException("The pattern \"" + p + "\" at " + where + " uses " + what
                    + ", which Noesis's pattern subset does not support. Supported: literals, ., [classes], \\d \\w \\s,"
                    + " groups, |, * + ? {n,m}, and ^ $ at the ends.");
        }
    }

    private static List<int[]> complement(List<int[]> ranges) {
        List<int[]> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> out = new ArrayList<>();
        int next = 0;
        for (int[] r : sorted) {
            if (r[0] > next) {
                out.add(new int[] {next, r[0] - 1});
            }
            next = Math.max(next, r[1] + 1);
        }
        if (next <= MAX_CODE_POINT) {
            out.add(new int[] {next, MAX_CODE_POINT});
        }
        return out;
    }

    private static RegexSubset determinize(String source, Nfa nfa, int start, int accept, String where) {
        TreeSet<Integer> bounds = new TreeSet<>();
        bounds.add(0);
        for (List<int[]> es : nfa.edges) {
            for (int[] e : es) {
                bounds.add(e[0]);
                if (e[1] < MAX_CODE_POINT) {
                    bounds.add(e[1] + 1);
                }
            }
        }
        int[] classStart = bounds.stream().mapToInt(Integer::intValue).toArray();
        Map<BitSet, Integer> ids = new HashMap<>();
        List<BitSet> sets = new ArrayList<>();
        List<int[]> rows = new ArrayList<>();
        Deque<BitSet> todo = new ArrayDeque<>();
        BitSet first = closure(nfa, single(start));
        ids.put(first, 0);
        sets.add(first);
        todo.add(first);
        while (!todo.isEmpty()) {
            BitSet set = todo.poll();
            int[] row = new int[classStart.length];
            for (int c = 0; c < classStart.length; c++) {
                int cp = classStart[c];
                BitSet target = new BitSet();
                for (int s = set.nextSetBit(0); s >= 0; s = set.nextSetBit(s + 1)) {
                    for (int[] e : nfa.edges.get(s)) {
                        if (e[0] <= cp && cp <= e[1]) {
                            target.set(e[2]);
                        }
                    }
                }
                if (target.isEmpty()) {
                    row[c] = -1;
                    continue;
                }
                target = closure(nfa, target);
                Integer id = ids.get(target);
                if (id == null) {
                    if (sets.size() >= MAX_DFA_STATES) {
                        throw new UnsupportedSchemaException("The pattern \"" + source + "\" at " + where
                                + " is too complex to compile (simplify it or reduce its repetition counts).");
                    }
                    id = sets.size();
                    ids.put(target, id);
                    sets.add(target);
                    todo.add(target);
                }
                row[c] = id;
            }
            rows.add(row);
        }
        boolean[] accepting = new boolean[sets.size()];
        for (int s = 0; s < sets.size(); s++) {
            accepting[s] = sets.get(s).get(accept);
        }
        int[][] next = rows.toArray(new int[0][]);
        RegexSubset raw = new RegexSubset(source, classStart, next, accepting);
        // Cut transitions into states from which no match can be completed at all.
        boolean[] live = raw.liveStates(false);
        if (!live[0]) {
            throw new UnsupportedSchemaException("The pattern \"" + source + "\" at " + where + " matches no string.");
        }
        for (int[] row : next) {
            for (int c = 0; c < row.length; c++) {
                if (row[c] >= 0 && !live[row[c]]) {
                    row[c] = -1;
                }
            }
        }
        RegexSubset compiled = new RegexSubset(source, classStart, next, accepting);
        if (!compiled.liveForGeneration(0)) {
            throw new UnsupportedSchemaException(
                    "The pattern \"" + source + "\" at " + where
                            + " only matches strings with quotes, backslashes or control characters, which the decoder cannot write.");
        }
        return compiled;
    }

    private static BitSet single(int s) {
        BitSet b = new BitSet();
        b.set(s);
        return b;
    }

    private static BitSet closure(Nfa nfa, BitSet states) {
        BitSet out = (BitSet) states.clone();
        Deque<Integer> stack = new ArrayDeque<>();
        states.stream().forEach(stack::push);
        while (!stack.isEmpty()) {
            for (int t : nfa.eps.get(stack.pop())) {
                if (!out.get(t)) {
                    out.set(t);
                    stack.push(t);
                }
            }
        }
        return out;
    }
}
