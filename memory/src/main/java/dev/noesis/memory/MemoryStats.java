package dev.noesis.memory;

import dev.noesis.core.memory.Relation;
import dev.noesis.memory.graph.Graph;
import dev.noesis.memory.graph.MemorySchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What memory holds.
 *
 * @param nodes     nodes per label (Concept, Fact, Episode, Source)
 * @param edges     relationships per relation
 * @param embedded  nodes with a vector (concepts and facts)
 * @param archived  nodes archived by consolidation
 * @param embedder  the embedder whose vectors the graph holds, if any
 */
public record MemoryStats(
        Map<String, Long> nodes,
        Map<Relation, Long> edges,
        long embedded,
        long archived,
        int schemaVersion,
        Optional<String> embedder) {

    public long totalNodes() {
        return nodes.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalEdges() {
        return edges.values().stream().mapToLong(Long::longValue).sum();
    }

    static MemoryStats read(Graph graph) {
        Map<String, Long> nodes = new LinkedHashMap<>();
        for (String label : new String[] {"Concept", "Fact", "Episode", "Source"}) {
            nodes.put(label, count(graph, "MATCH (n:" + label + ") RETURN count(n) AS n"));
        }
        Map<Relation, Long> edges = new LinkedHashMap<>();
        for (Relation r : Relation.values()) {
            edges.put(r, count(graph, "MATCH ()-[r:" + r.name() + "]->() RETURN count(r) AS n"));
        }
        long embedded = count(graph, "MATCH (n:Concept) WHERE n.embedding IS NOT NULL RETURN count(n) AS n")
                + count(graph, "MATCH (n:Fact) WHERE n.embedding IS NOT NULL RETURN count(n) AS n");
        long archived = count(graph, "MATCH (n:Archived) RETURN count(n) AS n");
        MemorySchema.State state = MemorySchema.state(graph);
        return new MemoryStats(nodes, edges, embedded, archived, state.version(), state.embedder());
    }

    private static long count(Graph graph, String cypher) {
        return graph.query(cypher, Map.of()).get(0).get("n").asLong();
    }
}
