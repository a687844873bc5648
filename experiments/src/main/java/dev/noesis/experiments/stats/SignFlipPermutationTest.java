package dev.noesis.experiments.stats;

import java.util.SplittableRandom;

/**
 * The paired sign-flip permutation test of a zero mean difference, for scores that are not one 0-or-1
 * outcome per item (token F1, a mean over several seeds).
 *
 * <p>Under no difference, an item's arm and baseline scores are exchangeable, so the sign of each
 * per-item difference is as likely to be + as −. The test compares the observed |Σ dᵢ| with the same
 * sum under random signs (R. A. Fisher, <i>The Design of Experiments</i>, 1935, §21; P. Good,
 * <i>Permutation, Parametric and Bootstrap Tests of Hypotheses</i>, 3rd ed., Springer, 2005, §3.6.2).
 * With at most as many sign patterns as resamples they are all enumerated and the p-value is exact;
 * otherwise signs are drawn at random and the p-value is (1 + hits) / (1 + resamples), which never
 * reports 0 and keeps the test valid (B. Phipson and G. K. Smyth, "Permutation p-values should never
 * be zero", <i>Statistical Applications in Genetics and Molecular Biology</i> 9(1), 2010).
 *
 * <p>Chosen over a bootstrap p-value because it is valid at any n without a variance estimate, and
 * over the t-test because scores like F1 are bounded and skewed.
 */
public final class SignFlipPermutationTest {

    private SignFlipPermutationTest() {}

    /**
     * The two-sided p-value.
     *
     * @param differences per-item differences (arm minus baseline), at least one, all finite
     * @param resampling  how many random sign patterns, from which seed
     */
    public static double pValue(double[] differences, Resampling resampling) {
        int n = differences.length;
        if (n == 0) {
            throw new IllegalArgumentException("a permutation test needs at least one difference");
        }
        double observed = 0;
        double scale = 0;
        for (double d : differences) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("a permutation test needs finite differences, not " + d);
            }
            observed += d;
            scale += Math.abs(d);
        }
        if (scale == 0.0) {
            return 1.0;
        }
        // Sums of the same terms in another order differ by rounding; such a tie counts as "as extreme".
        double threshold = Math.abs(observed) - 1e-9 * scale;
        if (n < 31 && (1L << n) <= resampling.resamples()) {
            return exact(differences, threshold);
        }
        SplittableRandom random = resampling.random().split();
        long hits = 0;
        for (int b = 0; b < resampling.resamples(); b++) {
            double sum = 0;
            long signs = 0;
            for (int i = 0; i < n; i++) {
                if ((i & 63) == 0) {
                    signs = random.nextLong();
                }
                sum += (signs & 1L) == 0 ? differences[i] : -differences[i];
                signs >>>= 1;
            }
            if (Math.abs(sum) >= threshold) {
                hits++;
            }
        }
        return (1.0 + hits) / (1.0 + resampling.resamples());
    }

    private static double exact(double[] differences, double threshold) {
        int n = differences.length;
        long patterns = 1L << n;
        long hits = 0;
        for (long pattern = 0; pattern < patterns; pattern++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += ((pattern >>> i) & 1L) == 0 ? differences[i] : -differences[i];
            }
            if (Math.abs(sum) >= threshold) {
                hits++;
            }
        }
        return (double) hits / patterns;
    }
}
