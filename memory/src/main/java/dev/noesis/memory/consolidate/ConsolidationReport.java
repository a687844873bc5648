package dev.noesis.memory.consolidate;

import java.util.List;

/**
 * What consolidation changed, or would change.
 *
 * @param run      the run's id, which {@code undo} takes (empty for a dry run)
 * @param dryRun   whether this is only what a run would do: nothing was written
 * @param merges   each merge: the concept kept, the one folded into it, and why
 * @param decayed  nodes whose salience decayed
 * @param archived nodes archived for low salience (still in the graph with the label {@code Archived},
 *                 no longer recalled); concepts merged away are archived too, and counted in {@code merges}
 */
public record ConsolidationReport(String run, boolean dryRun, List<Merge> merges, long decayed, long archived) {

    public ConsolidationReport {
        merges = List.copyOf(merges);
    }

    /**
     * {@code removed} was folded into {@code kept}: its edges, facts and names now belong to
     * {@code kept}; it stays in the graph, archived, with a {@code MERGED_INTO} link to {@code kept}.
     */
    public record Merge(String kept, String removed, String reason) {}
}
