package dev.noesis.core.thought;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** An immutable, typed extension map carried by a {@link ThoughtState}. */
public final class Attributes {

    public static final Attributes EMPTY = new Attributes(Map.of());

    private final Map<AttributeKey<?>, Object> values;

    private Attributes(Map<AttributeKey<?>, Object> values) {
        this.values = values;
    }

    public <T> Optional<T> get(AttributeKey<T> key) {
        return Optional.ofNullable(values.get(key)).map(key.type()::cast);
    }

    public <T> Attributes with(AttributeKey<T> key, T value) {
        Objects.requireNonNull(key, "key");
        Map<AttributeKey<?>, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, key.type().cast(Objects.requireNonNull(value, "value")));
        return new Attributes(Collections.unmodifiableMap(copy));
    }

    public Set<AttributeKey<?>> keys() {
        return values.keySet();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attributes other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
