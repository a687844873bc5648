package dev.noesis.lab.world;

import java.util.Objects;

/**
 * One fact of a world: subject, relation, object, and whether the lab's model is trained on it
 * ({@code trained}) or it is held out, known only from the world's documents and triples.
 */
public record Fact(String subject, Relation relation, String object, boolean trained) {

    public Fact {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(object, "object");
    }
}
