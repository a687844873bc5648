package dev.noesis.orchestrator;

import dev.noesis.core.run.Usage;
import dev.noesis.core.thought.ThoughtState;
import dev.noesis.core.trace.Trace;
import java.util.Optional;

/**
 * The outcome of a run: the answer, the final state, the trace and what it all cost. A run that
 * stopped early (budget, cancellation, failure) still returns everything it had.
 *
 * @param answer     the chosen answer, or null when the run produced none
 * @param state      the state after the last step that ran
 * @param trace      every step, with its model calls and notes
 * @param usage      model calls, tokens, model time and Noesis's own overhead
 * @param outcome    how the run ended
 * @param stopReason why it ended early, or null when it completed
 * @param failure    the error that ended a failed run, or null
 */
public record RunResult(
        String answer,
        ThoughtState state,
        Trace trace,
        Usage usage,
        Outcome outcome,
        String stopReason,
        RuntimeException failure) {

    /** How a run ended. */
    public enum Outcome {
        COMPLETED,
        BUDGET_EXHAUSTED,
        CANCELLED,
        FAILED
    }

    public Optional<String> chosenAnswer() {
        return Optional.ofNullable(answer);
    }

    public boolean completed() {
        return outcome == Outcome.COMPLETED;
    }
}
