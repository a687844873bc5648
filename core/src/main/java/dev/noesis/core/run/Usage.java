package dev.noesis.core.run;

/**
 * What a run consumed.
 *
 * @param modelCalls         calls to the model
 * @param promptTokens       prompt tokens over all calls
 * @param completionTokens   generated tokens over all calls
 * @param reusedPromptTokens prompt tokens served from a session cache instead of recomputed
 * @param modelMs            time inside the model
 * @param overheadMs         the rest of the run's wall time: what Noesis itself cost
 */
public record Usage(
        int modelCalls,
        long promptTokens,
        long completionTokens,
        long reusedPromptTokens,
        long modelMs,
        long overheadMs) {

    public static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0);

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
