package dev.noesis.memory;

import dev.noesis.memory.graph.Graph;

/**
 * The graph under a memory, for tests in other packages of this module that check what was written
 * (the application reaches memory only through {@link Neo4jMemory}'s own calls).
 */
public final class GraphAccess {

    private GraphAccess() {}

    public static Graph of(Neo4jMemory memory) {
        return memory.graph();
    }
}
