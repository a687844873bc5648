package dev.noesis.experiments.stats;

/**
 * One configuration's mean score with its 95% confidence interval: the {@link WilsonInterval} when
 * the scores are one 0-or-1 outcome per item (a proportion), otherwise the {@link PercentileBootstrap}
 * over per-item means (items resampled, seeds averaged within their item).
 *
 * @param label    the configuration's name
 * @param n        the number of items
 * @param mean     the mean over items
 * @param interval its confidence interval
 * @param method   "wilson" or "percentile-bootstrap"
 */
public record ArmEstimate(String label, int n, double mean, ConfidenceInterval interval, String method) {

    public static final double LEVEL = 0.95;

    public static ArmEstimate of(ItemScores scores, Resampling resampling) {
        double[] means = scores.itemMeans();
        if (scores.binarySingleSeed()) {
            long successes = 0;
            for (double m : means) {
                successes += (long) m;
            }
            return new ArmEstimate(
                    scores.label(),
                    means.length,
                    (double) successes / means.length,
                    WilsonInterval.of(successes, means.length, LEVEL),
                    "wilson");
        }
        return new ArmEstimate(
                scores.label(),
                means.length,
                scores.mean(),
                PercentileBootstrap.meanInterval(means, LEVEL, resampling),
                "percentile-bootstrap");
    }
}
