package dev.noesis.memory.consolidate;

import java.util.List;

/**
 * What consolidation changed.
 *
 * @param merges   each merge: the concept kept, the one folded into it, and why
 * @param decayed  nodes whose salience decayed
 * @param archived nodes archived (still in the graph with the label {@code Archived}, no longer recalled)
 */
public record ConsolidationReport(List<Merge> merges, long decayed, long archived) {

    public ConsolidationReport {
        merges = List.copyOf(merges);
    }

    /** {@code removed} was folded into {@code kept}: its edges, facts and names now belong to {@code kept}. */
    public record Merge(String kept, String removed, String reason) {}
}
