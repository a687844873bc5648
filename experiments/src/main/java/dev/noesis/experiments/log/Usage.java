package dev.noesis.experiments.log;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What one item cost: the numbers cost reports add up per configuration.
 *
 * @param promptTokens     tokens sent to the model, over all its calls
 * @param completionTokens tokens the model generated
 * @param modelCalls       completions requested (a self-consistency of 5 makes at least 5)
 * @param modelMs          milliseconds spent inside the model
 * @param wallMs           milliseconds the item took from start to finish
 * @param cacheHits        model calls answered from the cache, so that a cached number never passes for a fresh one
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Usage(
        long promptTokens, long completionTokens, int modelCalls, long modelMs, long wallMs, int cacheHits) {

    public static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0);

    public Usage {
        if (promptTokens < 0 || completionTokens < 0 || modelCalls < 0 || modelMs < 0 || wallMs < 0 || cacheHits < 0) {
            throw new IllegalArgumentException("usage counts cannot be negative");
        }
        if (cacheHits > modelCalls) {
            throw new IllegalArgumentException(cacheHits + " cache hits out of " + modelCalls + " model calls");
        }
    }
}
