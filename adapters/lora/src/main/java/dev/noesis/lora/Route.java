package dev.noesis.lora;

import java.util.Locale;
import java.util.Optional;

/**
 * A router's choice for one question, with what the trace shows about it.
 *
 * @param adapter        the adapter chosen, or empty for the base model
 * @param score          the chosen candidate's score (for the base: the best adapter's score, under the threshold)
 * @param runnerUp       the next best adapter, if any
 * @param runnerUpScore  its score (NaN when there is none)
 * @param strategy       {@code embedding}, {@code keyword} or {@code explicit}
 * @param reason         why, in a phrase
 */
public record Route(
        Optional<String> adapter,
        double score,
        Optional<String> runnerUp,
        double runnerUpScore,
        String strategy,
        String reason) {

    /** The base model answers. */
    public boolean base() {
        return adapter.isEmpty();
    }

    /** One line for traces: {@code embedding: legal (0.62), runner-up medical (0.41)}. */
    public String describe() {
        String choice = adapter.orElse("base model");
        String s = String.format(Locale.ROOT, "%s: %s (%.3f)", strategy, choice, score);
        if (runnerUp.isPresent()) {
            s += String.format(Locale.ROOT, ", runner-up %s (%.3f)", runnerUp.get(), runnerUpScore);
        }
        return s + "; " + reason;
    }
}
