package dev.noesis.experiments.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.noesis.experiments.stats.ArmEstimate;

/**
 * One arm of {@code results.json}: a suite × pipeline × model × params configuration, its mean score
 * with a 95% interval, and what it cost.
 *
 * @param suite        the suite
 * @param pipeline     the pipeline
 * @param model        the model's name as the experiment gives it
 * @param n            items scored
 * @param metric       the metric, e.g. {@code em}
 * @param mean         the mean score over items (seeds averaged within each item)
 * @param ciLow        the 95% interval's lower bound
 * @param ciHigh       its upper bound
 * @param tokens       prompt and completion tokens over all items
 * @param modelSeconds seconds spent in the model over all items
 * @param costPer1k    money per 1,000 questions from the configured hardware profile or price table, or null when none is
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ArmResult(
        String suite,
        String pipeline,
        String model,
        int n,
        String metric,
        double mean,
        double ciLow,
        double ciHigh,
        long tokens,
        double modelSeconds,
        @JsonProperty("cost_per_1k") Double costPer1k) {

    /** The arm as {@link ArmEstimate} measured it, with its costs. */
    public static ArmResult of(
            String suite,
            String pipeline,
            String model,
            String metric,
            ArmEstimate estimate,
            long tokens,
            double modelSeconds,
            Double costPer1k) {
        return new ArmResult(
                suite,
                pipeline,
                model,
                estimate.n(),
                metric,
                estimate.mean(),
                estimate.interval().low(),
                estimate.interval().high(),
                tokens,
                modelSeconds,
                costPer1k);
    }
}
