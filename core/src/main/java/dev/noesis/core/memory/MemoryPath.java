package dev.noesis.core.memory;

import java.util.List;
import java.util.Objects;

/**
 * Why a node was recalled: the edges from the seed it was reached from to the node. A seed's own
 * path has no edges. Edges keep their stored direction, so a path may walk some of them backwards.
 */
public record MemoryPath(String seed, String node, List<MemoryEdge> edges) {

    public MemoryPath {
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(node, "node");
        edges = List.copyOf(edges);
    }

    public int hops() {
        return edges.size();
    }
}
