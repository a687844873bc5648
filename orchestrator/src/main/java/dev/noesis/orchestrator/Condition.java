package dev.noesis.orchestrator;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.module.ConditionValue;
import dev.noesis.core.thought.ThoughtState;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A condition on the state, as pipelines write it: {@code critic.accepted},
 * {@code evidence.count > 0}, {@code not validator.passed or drafts.count >= 3}. Checked for
 * names and types when the pipeline is read, so a typo fails before anything runs.
 *
 * <p>Values: those of the state ({@code evidence.count}, {@code hints.count}, {@code drafts.count},
 * {@code plan.count}, {@code critiques.count}, {@code answer.present}) and those the modules declare
 * ({@code critic.accepted}, {@code critic.score}, {@code validator.passed}, ...): see {@link Conditions}.
 * Operators: {@code == != > >= < <=}, {@code and}, {@code or}, {@code not}, parentheses.
 */
public final class Condition {

    private final String source;
    private final Node root;

    private Condition(String source, Node root) {
        this.source = source;
        this.root = root;
    }

    /**
     * Reads {@code text}, written at {@code at}; the names it may use are those of {@code values}.
     *
     * @throws InvalidInputException with the position of the problem and what was expected
     */
    public static Condition parse(String text, Position at, Conditions values) {
        Parser p = new Parser(text, at, values);
        Node n = p.or();
        p.skipSpaces();
        if (p.i < text.length()) {
            throw p.error("an operator or the end of the condition");
        }
        if (n.type != Type.BOOLEAN) {
            throw p.errorAt(
                    0,
                    "'" + text + "' is a number; a condition must be true or false (compare it, e.g. " + text
                            + " > 0)");
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

    private enum Type {
        NUMBER,
        BOOLEAN
    }

    private record Node(Type type, Function<ThoughtState, Object> eval) {}

    private static final class Parser {
        private final String text;
        private final Position at;
        private final Conditions values;
        int i;

        Parser(String text, Position at, Conditions values) {
            this.text = text;
            this.at = at;
            this.values = values;
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
            // A name may hold '-' after its first character, as module names do (memory-write.stored).
            while (i < text.length()
                    && (Character.isLetterOrDigit(text.charAt(i))
                            || text.charAt(i) == '.'
                            || text.charAt(i) == '_'
                            || (text.charAt(i) == '-' && i > start))) {
                i++;
            }
            String name = text.substring(start, i);
            if (name.equals("true") || name.equals("false")) {
                boolean v = name.equals("true");
                return new Node(Type.BOOLEAN, s -> v);
            }
            Optional<ConditionValue> value = values.value(name);
            if (value.isEmpty()) {
                throw errorAt(
                        start,
                        (name.isEmpty() ? "'" + c + "'" : "the unknown name '" + name + "'") + "; a condition may use "
                                + String.join(", ", values.names()) + ", numbers, true and false");
            }
            ConditionValue v = value.get();
            return new Node(v.kind() == ConditionValue.Kind.FLAG ? Type.BOOLEAN : Type.NUMBER, v::readFrom);
        }

        private Node bool(Node n) {
            if (n.type != Type.BOOLEAN) {
                throw error("true/false on both sides of and/or/not, not a number");
            }
            return n;
        }

        private boolean keyword(String word) {
            skipSpaces();
            if (text.startsWith(word, i)
                    && (i + word.length() == text.length()
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
            return errorAt(
                    i,
                    "expected " + expected + (i < text.length() ? " at '" + text.substring(i) + "'" : " at the end"));
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
