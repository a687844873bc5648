package dev.noesis.memory.consolidate;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How consolidation judges the graph.
 *
 * @param halfLife        unused for this long, a node's salience halves
 * @param archiveBelow    nodes whose salience falls below this are archived (kept, but no longer recalled)
 * @param mergeSimilarity cosine similarity from which two entity concepts are the same concept
 * @param neighbours      candidates the vector index proposes per concept (the blocking step)
 * @param exemptKinds     concept kinds never decayed, archived or merged ({@code synset}: WordNet is curated)
 */
public record ConsolidationOptions(
        Duration halfLife, double archiveBelow, double mergeSimilarity, int neighbours, Set<String> exemptKinds) {

    public static final ConsolidationOptions DEFAULTS =
            new ConsolidationOptions(Duration.ofDays(30), 0.05, 0.95, 5, Set.of("synset"));

    public ConsolidationOptions {
        Objects.requireNonNull(halfLife, "halfLife");
        exemptKinds = Set.copyOf(exemptKinds);
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("the half-life must be positive");
        }
        // Written so that NaN fails every check: a comparison with NaN is false.
        if (!(archiveBelow >= 0 && archiveBelow < 1)) {
            throw new IllegalArgumentException("archiveBelow must be in [0, 1), got " + archiveBelow);
        }
        if (!(mergeSimilarity > 0 && mergeSimilarity <= 1)) {
            throw new IllegalArgumentException("mergeSimilarity must be in (0, 1], got " + mergeSimilarity);
        }
        if (neighbours < 1 || neighbours > 100) {
            throw new IllegalArgumentException("neighbours must be 1 to 100, got " + neighbours);
        }
    }
}
