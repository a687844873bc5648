package dev.noesis.memory.write;

import dev.noesis.core.memory.Relation;
import java.util.Map;
import java.util.Objects;

/**
 * A typed edge between two concepts, by id.
 *
 * @param label  what the edge says ({@code hypernym}, {@code part meronym}, a predicate)
 * @param weight its strength for activation spreading, 0 to 1
 */
public record EdgeRow(String from, Relation relation, String to, String label, double weight, String source) {

    public EdgeRow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(source, "source");
    }

    Map<String, Object> toParameters() {
        return Map.of("from", from, "to", to, "label", label, "weight", weight, "source", source);
    }
}
