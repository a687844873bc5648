package dev.noesis.core.memory;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How far and how wide a recall looks. Every bound is capped, so a recall's cost is bounded
 * whatever the graph.
 *
 * @param seeds     nodes taken from each index (vector and fulltext) as starting points
 * @param depth     hops of expansion from the seeds (0: the seeds only)
 * @param fanOut    neighbours followed per node and hop, strongest edges first
 * @param limit     nodes in the result
 * @param asOf      recall what was believed at this time; empty: now
 * @param relations the relations to follow; empty: all
 */
public record RecallOptions(
        int seeds, int depth, int fanOut, int limit, Optional<Instant> asOf, Set<Relation> relations) {

    public static final int MAX_SEEDS = 200;
    public static final int MAX_DEPTH = 6;
    public static final int MAX_FAN_OUT = 200;
    public static final int MAX_LIMIT = 500;

    public static final RecallOptions DEFAULTS = new RecallOptions(10, 2, 16, 25, Optional.empty(), Set.of());

    public RecallOptions {
        check("seeds", seeds, 1, MAX_SEEDS);
        check("depth", depth, 0, MAX_DEPTH);
        check("fanOut", fanOut, 1, MAX_FAN_OUT);
        check("limit", limit, 1, MAX_LIMIT);
        Objects.requireNonNull(asOf, "asOf");
        relations = relations.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(relations));
    }

    public RecallOptions withSeeds(int value) {
        return new RecallOptions(value, depth, fanOut, limit, asOf, relations);
    }

    public RecallOptions withDepth(int value) {
        return new RecallOptions(seeds, value, fanOut, limit, asOf, relations);
    }

    public RecallOptions withFanOut(int value) {
        return new RecallOptions(seeds, depth, value, limit, asOf, relations);
    }

    public RecallOptions withLimit(int value) {
        return new RecallOptions(seeds, depth, fanOut, value, asOf, relations);
    }

    public RecallOptions withAsOf(Instant value) {
        return new RecallOptions(seeds, depth, fanOut, limit, Optional.of(value), relations);
    }

    public RecallOptions withRelations(Set<Relation> value) {
        return new RecallOptions(seeds, depth, fanOut, limit, asOf, value);
    }

    /** Whether expansion may follow this relation. */
    public boolean follows(Relation relation) {
        return relations.isEmpty() || relations.contains(relation);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "recall " + name + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
