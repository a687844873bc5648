package dev.noesis.orchestrator;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.thought.Draft;
import dev.noesis.core.thought.ThoughtState;
import dev.noesis.core.thought.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A condition on the state, as pipelines write it: {@code critic.accepted},
 * {@code evidence.count > 0}, {@code not validator.passed or drafts.count >= 3}. Checked for
 * names and types when the pipeline is read, so a typo fails before anything runs.
 *
 * <p>Values: {@code evidence.count}, {@code hints.count}, {@code drafts.count},
 * {@code plan.count}, {@code critiques.count}, {@code critic.score} (numbers);
 * {@code critic.accepted}, {@code validator.passed}, {@code answer.present} (true or false).
 * Operators: {@code == != > >= < <=}, {@code and}, {@code or}, {@code not}, parentheses.
 */
public final class Condition {

    private static final Map<String, Function<ThoughtState, Object>> VALUES = new TreeMap<>(Map.of(
            "evidence.count", s -> (double) s.evidence().size(),
            "hints.count", s -> (double) s.hints().size(),
            "drafts.count", s -> (double) s.drafts().size(),
            "plan.count", s -> (double) s.plan().size(),
            "critiques.count", s -> (double) s.critiques().size(),
            "critic.score", s -> latest(s) == null ? 0.0 : latest(s).scores().getOrDefault("critic", 0.0),
            "critic.accepted", s -> !s.drafts().isEmpty()
                    && s.latestCritiqueOf(s.drafts().size() - 1).map(c -> c.verdict() == Verdict.ACCEPT).orElse(false),
            "validator.passed", s -> latest(s) != null && !latest(s).validations().isEmpty() && latest(s).passedValidation(),
            "answer.present", s -> s.answer() != null));

    private final String source;
    private final Node root;

    private Condition(String source, Node root) {
        this.source = source;
        this.root = root;
    }

    /** The names a condition may use. */
    public static List<String> names() {
        return List.copyOf(VALUES.keySet());
    }

    /**
     * Reads {@code text}, written at {@code at}.
     *
     * @throws InvalidInputException with the position of the problem and what was expected
     */
    public static Condition parse(String text, Position at) {
        Parser p = new Parser(text, at);
        Node n = p.or();
        p.skipSpaces();
        if (p.i < text.length()) {
            throw p.error("an operator or the end of the condition");
        }
        if (n.type != Type.BOOLEAN) {
            throw p.errorAt(0, "'" + text + "' is a number; a condition must be true or false (compare it, e.g. " + text + " > 0)");
        }
        return new Condition(text, n);
    }

    public boolean test(ThoughtState state) {
        return (Boolean) root.eval.apply(state);
    }

    @Override
    public String toString() {
        return source;
    }

    private static Draft latest(ThoughtState s) {
        return s.drafts().isEmpty() ? null : s.drafts().get(s.drafts().size() - 1);
    }

    private enum Type { NUMBER, BOOLEAN }

    private record Node(Type type, Function<ThoughtState, Object> eval) {}

    private static final class Parser {
        private final String text;
        private final Position at;
        int i;

        Parser(String text, Position at) {
            this.text = text;
            this.at = at;
        }

        Node or() {
            Node left = and();
            while (keyword("or")) {
                Node l = bool(left);
                Node r = bool(and());
                left = new Node(Type.BOOLEAN, s -> (Boolean) l.eval.apply(s) || (Boolean) r.eval.apply(s));
            }
            return left;
        }

        Node and() {
            Node left = not();
            while (keyword("and")) {
                Node l = bool(left);
                Node r = bool(not());
                left = new Node(Type.BOOLEAN, s -> (Boolean) l.eval.apply(s) && (Boolean) r.eval.apply(s));
            }
            return left;
        }

        Node not() {
            if (keyword("not")) {
                Node inner = bool(not());
                return new Node(Type.BOOLEAN, s -> !(Boolean) inner.eval.apply(s));
            }
            return comparison();
        }

        Node comparison() {
            Node left = term();
            skipSpaces();
            int opAt = i;
            String op = null;
            for (String candidate : List.of("==", "!=", ">=", "<=", ">", "<")) {
                if (text.startsWith(candidate, i)) {
                    op = candidate;
                    break;
                }
            }
            if (op == null) {
                return left;
            }
            i += op.length();
            Node right = term();
            if (left.type != right.type) {
                throw errorAt(opAt, "'" + op + "' between a number and true/false");
            }
            if (left.type == Type.BOOLEAN && !op.equals("==") && !op.equals("!=")) {
                throw errorAt(opAt, "'" + op + "' between true/false values (only == and != compare them)");
            }
            String o = op;
            return new Node(Type.BOOLEAN, s -> compare(o, left.eval.apply(s), right.eval.apply(s)));
        }

        Node term() {
            skipSpaces();
            if (i >= text.length()) {
                throw error("a value");
            }
            char c = text.charAt(i);
            if (c == '(') {
                i++;
                Node inner = or();
                skipSpaces();
                if (i >= text.length() || text.charAt(i) != ')') {
                    throw error("')'");
                }
                i++;
                return inner;
            }
            if (Character.isDigit(c) || c == '-') {
                int start = i++;
                while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                try {
                    double v = Double.parseDouble(text.substring(start, i));
                    return new Node(Type.NUMBER, s -> v);
                } catch (NumberFormatException e) {
                    throw errorAt(start, "a number, not '" + text.substring(start, i) + "'");
                }
            }
            int start = i;
            while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.' || text.charAt(i) == '_')) {
                i++;
            }
            String name = text.substring(start, i);
            if (name.equals("true") || name.equals("false")) {
                boolean v = name.equals("true");
                return new Node(Type.BOOLEAN, s -> v);
            }
            Function<ThoughtState, Object> value = VALUES.get(name);
            if (value == null) {
                throw errorAt(start, (name.isEmpty() ? "'" + c + "'" : "the unknown name '" + name + "'")
                        + "; a condition may use " + String.join(", ", VALUES.keySet()) + ", numbers, true and false");
            }
            Type type = value.apply(ThoughtState.of("?")) instanceof Boolean ? Type.BOOLEAN : Type.NUMBER;
            return new Node(type, value);
        }

        private Node bool(Node n) {
            if (n.type != Type.BOOLEAN) {
                throw error("true/false on both sides of and/or/not, not a number");
            }
            return n;
        }

        private boolean keyword(String word) {
            skipSpaces();
            if (text.startsWith(word, i) && (i + word.length() == text.length()
                    || !Character.isLetterOrDigit(text.charAt(i + word.length())))) {
                i += word.length();
                return true;
            }
            return false;
        }

        void skipSpaces() {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
        }

        InvalidInputException error(String expected) {
            return errorAt(i, "expected " + expected + (i < text.length() ? " at '" + text.substring(i) + "'" : " at the end"));
        }

        InvalidInputException errorAt(int offset, String what) {
            Position p = new Position(at.file(), at.line(), at.column() + offset);
            return new InvalidInputException(p + ": in the condition \"" + text + "\": " + what + ".");
        }
    }

    private static boolean compare(String op, Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return switch (op) {
                case "==" -> x.doubleValue() == y.doubleValue();
                case "!=" -> x.doubleValue() != y.doubleValue();
                case ">" -> x > y;
                case ">=" -> x >= y;
                case "<" -> x < y;
                default -> x <= y;
            };
        }
        return op.equals("==") == a.equals(b);
    }

}
