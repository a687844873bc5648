package dev.noesis.core.memory;

import java.util.Objects;

/**
 * A node in a recalled subgraph.
 *
 * @param id         its stable id in memory
 * @param name       a short name (a concept's name; a fact's statement)
 * @param text       longer text (a gloss, an answer), or empty
 * @param activation its rank score: seed relevance plus what spread to it through the graph
 * @param seed       whether it matched the cue directly (vector or fulltext index)
 */
public record MemoryNode(String id, NodeKind kind, String name, String text, double activation, boolean seed) {

    public MemoryNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }
}
