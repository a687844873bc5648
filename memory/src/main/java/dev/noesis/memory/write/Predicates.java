package dev.noesis.memory.write;

import dev.noesis.core.memory.Relation;
import dev.noesis.memory.graph.Names;
import java.util.Set;

/**
 * Which graph relation a fact's predicate becomes between its concepts: taxonomy predicates become
 * {@code IS_A} and {@code PART_OF} (so that recall and path search treat them like WordNet's
 * links); every other predicate is {@code RELATED_TO} with the predicate as its label.
 */
public final class Predicates {

    private static final Set<String> IS_A = Set.of(
            "is a",
            "is an",
            "isa",
            "is a kind of",
            "kind of",
            "type of",
            "is a type of",
            "instance of",
            "subclass of",
            "hypernym");
    private static final Set<String> PART_OF = Set.of("part of", "is part of", "is a part of", "holonym");

    private Predicates() {}

    public static Relation relationFor(String predicate) {
        String p = Names.normalise(predicate);
        if (IS_A.contains(p)) {
            return Relation.IS_A;
        }
        if (PART_OF.contains(p)) {
            return Relation.PART_OF;
        }
        return Relation.RELATED_TO;
    }
}
