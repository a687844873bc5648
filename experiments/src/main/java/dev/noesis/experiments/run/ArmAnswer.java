package dev.noesis.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noesis.experiments.log.Outcome;
import dev.noesis.experiments.log.Usage;

/**
 * What an arm gives for one item: the pipeline's final output, what it cost, how it ended, and its
 * trace. The runner adds the wall time and the extraction and scores.
 *
 * @param output  the pipeline's final output text, or null when it failed before giving one
 * @param usage   tokens, model calls, model milliseconds and cache hits ({@code wallMs} is the runner's to fill: ignored)
 * @param outcome completed, stopped by a budget, or failed
 * @param error   what went wrong, for a budget stop or a failure; null when completed
 * @param trace   the run's trace as JSON (written beside the log, and the record points to it), or null
 * @param adapterUsed the adapter the item actually ran on, for an arm of the adapter axis that chooses
 *                per item (the router, the oracle), or null
 */
public record ArmAnswer(String output, Usage usage, Outcome outcome, String error, JsonNode trace, String adapterUsed) {

    /** An answer that says nothing of an adapter chosen per item. */
    public ArmAnswer(String output, Usage usage, Outcome outcome, String error, JsonNode trace) {
        this(output, usage, outcome, error, trace, null);
    }

    /** This answer, saying it ran on {@code adapter}. */
    public ArmAnswer withAdapterUsed(String adapter) {
        return new ArmAnswer(output, usage, outcome, error, trace, adapter);
    }

    public ArmAnswer {
        usage = usage == null ? Usage.NONE : usage;
        if (outcome == null) {
            throw new IllegalArgumentException("an answer says how the run ended");
        }
    }

    public static ArmAnswer completed(String output, Usage usage, JsonNode trace) {
        return new ArmAnswer(output, usage, Outcome.COMPLETED, null, trace);
    }

    /** A budget stopped the pipeline; {@code output} is what it had, if anything (it is scored). */
    public static ArmAnswer budget(String output, String reason, Usage usage, JsonNode trace) {
        return new ArmAnswer(output, usage, Outcome.BUDGET, reason, trace);
    }

    public static ArmAnswer failed(String error, Usage usage, JsonNode trace) {
        return new ArmAnswer(null, usage, Outcome.FAILED, error, trace);
    }
}
