package dev.noesis.experiments.report;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.noesis.experiments.stats.DetectableEffect;
import dev.noesis.experiments.stats.JudgedComparison;
import dev.noesis.experiments.stats.PairedComparison;
import dev.noesis.experiments.stats.PairedTest;
import dev.noesis.experiments.stats.Verdict;

/**
 * One comparison of {@code results.json}: an arm against its baseline on the same items.
 *
 * @param suite     the suite
 * @param arm       the arm's name
 * @param baseline  the baseline's name
 * @param metric    the metric compared
 * @param n         items both were scored on
 * @param delta     mean paired difference, arm minus baseline
 * @param ciLow     the paired-bootstrap 95% interval's lower bound
 * @param ciHigh    its upper bound
 * @param pValue    the unadjusted two-sided p-value
 * @param pAdjusted the p-value after Holm's correction across all comparisons of the experiment
 * @param verdict   {@code better}, {@code worse} or {@code no detectable difference}
 * @param test      which test gave the p-value: {@code mcnemar-exact} or {@code sign-flip-permutation}
 * @param resamples the bootstrap (and permutation) resamples
 * @param seed      their seed, so that anyone can recompute the interval exactly
 * @param disagreementRate the measured share of items on which arm and baseline differ, or null when not known
 * @param detectableEffect the minimum detectable effect at 80% power for this n and that rate (a
 *                         proportion), or null when none is detectable or the rate is 0
 *
 * <p>The last two were added in {@code noesis-results/1} after the first; readers ignore what they do not know.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ComparisonResult(
        String suite,
        String arm,
        String baseline,
        String metric,
        int n,
        double delta,
        double ciLow,
        double ciHigh,
        double pValue,
        double pAdjusted,
        Verdict verdict,
        PairedTest test,
        int resamples,
        long seed,
        Double disagreementRate,
        Double detectableEffect) {

    /** The documented core, without the detail fields. */
    public ComparisonResult(
            String suite,
            String arm,
            String baseline,
            String metric,
            int n,
            double delta,
            double ciLow,
            double ciHigh,
            double pValue,
            double pAdjusted,
            Verdict verdict,
            PairedTest test,
            int resamples,
            long seed) {
        this(
                suite, arm, baseline, metric, n, delta, ciLow, ciHigh, pValue, pAdjusted, verdict, test, resamples,
                seed, null, null);
    }

    /** The comparison as {@link dev.noesis.experiments.stats.ComparisonFamily} judged it. */
    public static ComparisonResult of(String suite, String metric, JudgedComparison judged) {
        PairedComparison c = judged.comparison();
        return new ComparisonResult(
                suite,
                c.arm(),
                c.baseline(),
                metric,
                c.n(),
                c.delta(),
                c.interval().low(),
                c.interval().high(),
                c.pValue(),
                judged.adjustedP(),
                judged.verdict(),
                c.test(),
                c.resampling().resamples(),
                c.resampling().seed(),
                c.disagreementRate(),
                detectable(c));
    }

    private static Double detectable(PairedComparison c) {
        if (!(c.disagreementRate() > 0)) {
            return null;
        }
        DetectableEffect e = DetectableEffect.pairedBinary(c.n(), c.disagreementRate());
        return e.detectable() ? e.effect() : null;
    }
}
