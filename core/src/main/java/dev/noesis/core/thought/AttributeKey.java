package dev.noesis.core.thought;

import java.util.Objects;

/**
 * A typed key into {@link Attributes}: how third-party modules add their own state to a
 * {@link ThoughtState} without changing it. Name keys with a prefix of your own (for example
 * {@code "acme.citations"}).
 */
public record AttributeKey<T>(String name, Class<T> type) {

    public AttributeKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static <T> AttributeKey<T> of(String name, Class<T> type) {
        return new AttributeKey<>(name, type);
    }
}
