package dev.noesis.orchestrator;

import dev.noesis.core.run.Usage;
import dev.noesis.core.trace.Trace;

/**
 * What {@code noesis ask --json} writes: the run's answer, how it ended, its usage and its full trace.
 *
 * @param answer     the answer, or null
 * @param outcome    COMPLETED, BUDGET_EXHAUSTED, CANCELLED or FAILED
 * @param stopReason why the run ended early, or null
 * @param usage      totals
 * @param trace      every step with its model calls and notes
 */
public record RunRecord(String answer, String outcome, String stopReason, Usage usage, Trace trace) {

    public static RunRecord of(RunResult r) {
        return new RunRecord(r.answer(), r.outcome().name(), r.stopReason(), r.usage(), r.trace());
    }
}
