package dev.noesis.memory.recall;

import java.util.HashMap;
import java.util.Map;

/**
 * Spreads activation from the seeds over a fetched subgraph, so that what many relevant nodes
 * point to rises ("semantic gravity"). Each round, a node keeps its seed relevance and receives,
 * over every edge, the neighbour's activation times the edge's weight and a decay, divided by the
 * square root of the neighbour's degree (a hub spreads thinly). Activation flowing along an edge's
 * direction (towards what it points to: dog IS_A canine feeds canine) counts fully; against it,
 * half. The result is scaled by salience, so that what consolidation found unused weighs less, and
 * then by the strongest node's activation.
 */
final class ActivationSpreading {

    static final double DECAY = 0.5;
    static final double AGAINST_DIRECTION = 0.5;

    private ActivationSpreading() {}

    static void spread(Subgraph graph, int rounds) {
        Map<String, Double> current = new HashMap<>();
        graph.nodes.values().forEach(n -> current.put(n.elementId, n.seedScore));
        for (int round = 0; round < rounds; round++) {
            Map<String, Double> next = new HashMap<>();
            for (Subgraph.Node node : graph.nodes.values()) {
                double a = node.seedScore;
                for (Subgraph.Edge e : graph.incident(node.elementId)) {
                    String other = e.other(node.elementId);
                    double from = current.getOrDefault(other, 0.0);
                    if (from == 0) {
                        continue;
                    }
                    double direction = e.end().equals(node.elementId) ? 1.0 : AGAINST_DIRECTION;
                    a += DECAY
                            * direction
                            * e.weight()
                            * from
                            / Math.sqrt(graph.incident(other).size());
                }
                next.put(node.elementId, a);
            }
            current.clear();
            current.putAll(next);
        }
        double max = 0;
        for (Subgraph.Node node : graph.nodes.values()) {
            node.activation = current.getOrDefault(node.elementId, 0.0) * (0.5 + 0.5 * node.salience);
            max = Math.max(max, node.activation);
        }
        // Scaled so that the strongest node has 1: activations compare within one recall, not across.
        if (max > 0) {
            for (Subgraph.Node node : graph.nodes.values()) {
                node.activation /= max;
            }
        }
    }
}
