package dev.noesis.core.module;

import dev.noesis.core.thought.ThoughtState;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * A value a module exposes to pipeline conditions ({@code when}, {@code until}), read from the
 * state: {@code critic.accepted} is true or false, {@code critic.score} a number. A module's
 * factory declares its values ({@link ThinkingModuleFactory#conditionValues()}); each name starts
 * with the module's name and a dot, so that modules cannot take each other's names.
 *
 * @param name        as conditions write it, e.g. {@code critic.accepted}
 * @param kind        a number or true/false
 * @param description what it says, for {@code noesis pipelines modules}
 * @param read        reads it from the state: a {@link Double} for a number, a {@link Boolean} for a flag
 */
public record ConditionValue(String name, Kind kind, String description, Function<ThoughtState, Object> read) {

    /** Letters and digits in words joined by '-', then '.', then the same: {@code memory-write.stored}. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*\\.[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /** What a condition may do with a value: compare a number, or test true or false. */
    public enum Kind {
        NUMBER,
        FLAG
    }

    public ConditionValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(read, "read");
        description = description == null ? "" : description;
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a condition value is named like module.value (lower case), not '" + name + "'");
        }
    }

    /** A number, e.g. a score. */
    public static ConditionValue number(String name, String description, ToDoubleFunction<ThoughtState> read) {
        Objects.requireNonNull(read, "read");
        return new ConditionValue(name, Kind.NUMBER, description, s -> read.applyAsDouble(s));
    }

    /** True or false, e.g. whether a check passed. */
    public static ConditionValue flag(String name, String description, Predicate<ThoughtState> read) {
        Objects.requireNonNull(read, "read");
        return new ConditionValue(name, Kind.FLAG, description, s -> read.test(s));
    }

    /** The part of the name before the dot: the module (or the part of the state) it belongs to. */
    public String owner() {
        return name.substring(0, name.indexOf('.'));
    }

    /** The value in {@code state}. */
    public Object readFrom(ThoughtState state) {
        Object v = read.apply(state);
        if (kind == Kind.NUMBER ? !(v instanceof Double) : !(v instanceof Boolean)) {
            throw new IllegalStateException("the condition value " + name + " gave " + v + ", not "
                    + (kind == Kind.NUMBER ? "a number" : "true or false"));
        }
        return v;
    }
}
