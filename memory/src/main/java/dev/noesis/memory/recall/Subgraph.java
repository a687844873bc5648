package dev.noesis.memory.recall;

import dev.noesis.core.memory.MemoryStatement;
import dev.noesis.core.memory.NodeKind;
import dev.noesis.core.memory.Relation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The part of the graph a recall has fetched: nodes by element id, edges, and how each node was first reached. */
final class Subgraph {

    /** A fetched node. {@code seedScore} is its direct relevance to the cue (0 if it is not a seed). */
    static final class Node {
        final String elementId;
        final String id;
        final NodeKind kind;
        final String name;
        final String text;
        final double salience;
        double seedScore;
        /** A fact's own triple (facts only). */
        MemoryStatement statement;

        double activation;
        /** The edge it was first reached by, from a node one hop closer to a seed; null for seeds. */
        Edge parent;

        int hop;

        Node(String elementId, String id, NodeKind kind, String name, String text, double salience) {
            this.elementId = elementId;
            this.id = id;
            this.kind = kind;
            this.name = name;
            this.text = text;
            this.salience = salience;
        }

        boolean isSeed() {
            return seedScore > 0;
        }
    }

    /** A fetched edge, in its stored direction. */
    record Edge(
            String elementId,
            String start,
            String end,
            Relation relation,
            String label,
            double weight,
            String source,
            Optional<String> fact,
            Optional<Instant> validFrom,
            Optional<Instant> validTo) {

        String other(String node) {
            return node.equals(start) ? end : start;
        }
    }

    final Map<String, Node> nodes = new LinkedHashMap<>();
    final Map<String, Edge> edges = new LinkedHashMap<>();
    final Map<String, List<Edge>> incident = new HashMap<>();

    Node node(String elementId) {
        return nodes.get(elementId);
    }

    void addEdge(Edge edge) {
        if (edges.putIfAbsent(edge.elementId(), edge) == null) {
            incident.computeIfAbsent(edge.start(), k -> new ArrayList<>()).add(edge);
            incident.computeIfAbsent(edge.end(), k -> new ArrayList<>()).add(edge);
        }
    }

    List<Edge> incident(String elementId) {
        return incident.getOrDefault(elementId, List.of());
    }
}
