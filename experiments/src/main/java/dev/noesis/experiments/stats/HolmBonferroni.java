package dev.noesis.experiments.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down correction of p-values for the comparisons of one experiment, which keeps the
 * chance of calling any true null "better" or "worse" at or below α, whatever the dependence between
 * the comparisons (they share a baseline, so they are dependent).
 *
 * <p>Follows S. Holm, "A simple sequentially rejective multiple test procedure", <i>Scandinavian
 * Journal of Statistics</i> 6, 1979, pp. 65–70, with adjusted p-values as in S. P. Wright,
 * "Adjusted P-values for simultaneous inference", <i>Biometrics</i> 48, 1992: with the m p-values in
 * ascending order p₍₁₎ ≤ … ≤ p₍ₘ₎,
 * <pre>
 *   p̃₍ᵢ₎ = max over j ≤ i of min(1, (m − j + 1) · p₍ⱼ₎)
 * </pre>
 * A comparison is significant at α exactly when its adjusted p-value is below α. Uniformly more
 * powerful than Bonferroni, and needs no assumption about the dependence.
 */
public final class HolmBonferroni {

    private HolmBonferroni() {}

    /** The adjusted p-values, in the order of {@code pValues}. */
    public static double[] adjust(double[] pValues) {
        int m = pValues.length;
        for (double p : pValues) {
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new IllegalArgumentException("a p-value lies in [0, 1], not " + p);
            }
        }
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] adjusted = new double[m];
        double running = 0.0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1.0, (m - rank) * pValues[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
