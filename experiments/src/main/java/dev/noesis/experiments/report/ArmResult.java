package dev.noesis.experiments.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.noesis.experiments.stats.ArmEstimate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * @param label        the arm's name in comparisons (the pipeline, with model and params where those are axes), or
 *                     null in results written without one ({@link ArmNames} then names it)
 * @param params       the generation params (seed apart)
 * @param runs         item runs (items × seeds) behind the numbers
 * @param seeds        distinct seeds
 * @param modelCalls   model calls over all item runs
 * @param cacheHits    of those, answered from the model-call cache: a cached number never passes for a fresh one
 * @param failed       item runs that failed (scored 0)
 * @param budget       item runs a budget stopped (scored on what they had)
 * @param energyWhPer1k watt-hours per 1,000 questions from the hardware profile, or null
 * @param costBasis    {@code hardware}, {@code api}, or null when there is no cost
 * @param ciMethod     {@code wilson} or {@code percentile-bootstrap}
 * @param wallSeconds  seconds the item runs took from start to finish, summed (more than the run's wall
 *                     time when items ran in parallel)
 * @param metricMeans  the mean of every metric of the suite (the primary one included), e.g. em and f1
 * @param adapter      the arm's adapter on the experiment's adapter axis, or null (and absent) without one
 *
 * <p>Fields from {@code label} on were added in {@code noesis-results/1} after the first; readers ignore
 * what they do not know.
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
        @JsonProperty("cost_per_1k") Double costPer1k,
        String label,
        Map<String, Object> params,
        int runs,
        int seeds,
        long modelCalls,
        long cacheHits,
        int failed,
        int budget,
        @JsonProperty("energy_wh_per_1k") Double energyWhPer1k,
        String costBasis,
        String ciMethod,
        double wallSeconds,
        Map<String, Double> metricMeans,
        @JsonInclude(JsonInclude.Include.NON_NULL) String adapter) {

    public ArmResult {
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        metricMeans = metricMeans == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metricMeans));
    }

    /** The documented core of an arm, without the detail fields (no label, runs = n). */
    public ArmResult(
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
            Double costPer1k) {
        this(
                suite,
                pipeline,
                model,
                n,
                metric,
                mean,
                ciLow,
                ciHigh,
                tokens,
                modelSeconds,
                costPer1k,
                null,
                Map.of(),
                n,
                1,
                0,
                0,
                0,
                0,
                null,
                null,
                null,
                0.0,
                Map.of(),
                null);
    }

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
                costPer1k,
                null,
                Map.of(),
                estimate.n(),
                1,
                0,
                0,
                0,
                0,
                null,
                null,
                estimate.method(),
                0.0,
                Map.of(metric, estimate.mean()),
                null);
    }

    /** The same arm under another name (a run's arms beside another run's, in a comparison of runs). */
    public ArmResult withLabel(String newLabel) {
        return new ArmResult(
                suite,
                pipeline,
                model,
                n,
                metric,
                mean,
                ciLow,
                ciHigh,
                tokens,
                modelSeconds,
                costPer1k,
                newLabel,
                params,
                runs,
                seeds,
                modelCalls,
                cacheHits,
                failed,
                budget,
                energyWhPer1k,
                costBasis,
                ciMethod,
                wallSeconds,
                metricMeans,
                adapter);
    }

    /** The same arm with the means of all its suite's metrics. */
    public ArmResult withMetricMeans(Map<String, Double> means) {
        return new ArmResult(
                suite,
                pipeline,
                model,
                n,
                metric,
                mean,
                ciLow,
                ciHigh,
                tokens,
                modelSeconds,
                costPer1k,
                label,
                params,
                runs,
                seeds,
                modelCalls,
                cacheHits,
                failed,
                budget,
                energyWhPer1k,
                costBasis,
                ciMethod,
                wallSeconds,
                means,
                adapter);
    }

    /** The same arm on the adapter {@code newAdapter} of an adapter axis. */
    public ArmResult withAdapter(String newAdapter) {
        return new ArmResult(
                suite,
                pipeline,
                model,
                n,
                metric,
                mean,
                ciLow,
                ciHigh,
                tokens,
                modelSeconds,
                costPer1k,
                label,
                params,
                runs,
                seeds,
                modelCalls,
                cacheHits,
                failed,
                budget,
                energyWhPer1k,
                costBasis,
                ciMethod,
                wallSeconds,
                metricMeans,
                newAdapter);
    }

    /** An arm with every detail field, of an experiment without an adapter axis. */
    public ArmResult(
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
            Double costPer1k,
            String label,
            Map<String, Object> params,
            int runs,
            int seeds,
            long modelCalls,
            long cacheHits,
            int failed,
            int budget,
            Double energyWhPer1k,
            String costBasis,
            String ciMethod,
            double wallSeconds,
            Map<String, Double> metricMeans) {
        this(
                suite,
                pipeline,
                model,
                n,
                metric,
                mean,
                ciLow,
                ciHigh,
                tokens,
                modelSeconds,
                costPer1k,
                label,
                params,
                runs,
                seeds,
                modelCalls,
                cacheHits,
                failed,
                budget,
                energyWhPer1k,
                costBasis,
                ciMethod,
                wallSeconds,
                metricMeans,
                null);
    }
}
