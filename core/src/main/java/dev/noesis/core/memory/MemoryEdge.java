package dev.noesis.core.memory;

import java.util.Objects;

/**
 * An edge in a recalled subgraph, from one node id to another.
 *
 * @param label  what the edge says in words: a fact's predicate, a WordNet link kind ("hypernym",
 *               "part meronym"), or the relation's name
 * @param weight its strength in activation spreading (a fact's confidence; 1 for taxonomy links)
 * @param source where it came from (a provenance uri), or empty
 */
public record MemoryEdge(String from, Relation relation, String to, String label, double weight, String source) {

    public MemoryEdge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(source, "source");
    }
}
