package dev.noesis.experiments.stats;

/**
 * An arm against its baseline on the same items: the mean paired difference (arm minus baseline),
 * its paired-bootstrap confidence interval, and the unadjusted two-sided p-value of no difference.
 * The verdict needs every comparison of the experiment, for the multiplicity correction: see
 * {@link ComparisonFamily}.
 *
 * <p>The interval is the {@link PercentileBootstrap} over per-item differences (items resampled, so
 * pairs stay together and seeds stay within their item). The p-value is {@link McNemarExactTest} when
 * both sides are one 0-or-1 score per item, otherwise the {@link SignFlipPermutationTest} on the
 * per-item differences of means.
 *
 * @param arm              the arm's name
 * @param baseline         the baseline's name
 * @param n                the number of items
 * @param delta            mean over items of (arm − baseline)
 * @param interval         the paired-bootstrap interval of {@code delta}
 * @param pValue           the unadjusted two-sided p-value
 * @param test             which test gave {@code pValue}
 * @param resampling       the resamples and seed of the interval (and of the permutation test), for reproduction
 * @param disagreementRate the share of items on which arm and baseline differ (discordant pairs for binary scores)
 */
public record PairedComparison(
        String arm,
        String baseline,
        int n,
        double delta,
        ConfidenceInterval interval,
        double pValue,
        PairedTest test,
        Resampling resampling,
        double disagreementRate) {

    /** The level of every comparison's interval. */
    public static final double LEVEL = 0.95;

    /** Compares {@code arm} with {@code baseline} on their items, which must be the same. */
    public static PairedComparison of(ItemScores arm, ItemScores baseline, Resampling resampling) {
        PairedItems pairs = PairedItems.of(arm, baseline);
        double[] differences = pairs.differences();
        double sum = 0;
        for (double d : differences) {
            sum += d;
        }
        ConfidenceInterval interval = PercentileBootstrap.meanInterval(differences, LEVEL, resampling);
        PairedTest test;
        double p;
        if (pairs.binarySingleSeed()) {
            test = PairedTest.MCNEMAR_EXACT;
            p = McNemarExactTest.pValue(pairs.armOnly(), pairs.baselineOnly());
        } else {
            test = PairedTest.SIGN_FLIP_PERMUTATION;
            p = SignFlipPermutationTest.pValue(differences, resampling);
        }
        return new PairedComparison(
                arm.label(),
                baseline.label(),
                pairs.size(),
                sum / differences.length,
                interval,
                p,
                test,
                resampling,
                pairs.disagreementRate());
    }
}
