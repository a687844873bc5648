package dev.noesis.experiments.stats;

/**
 * The Wilson score interval for a binomial proportion.
 *
 * <p>Follows E. B. Wilson, "Probable inference, the law of succession, and statistical inference",
 * <i>JASA</i> 22, 1927, pp. 209–212, in the form of R. G. Newcombe, "Two-sided confidence intervals for
 * the single proportion: comparison of seven methods", <i>Statistics in Medicine</i> 17, 1998 (method 3):
 * <pre>
 *   (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)
 * </pre>
 * Chosen over the normal (Wald) interval because it keeps its coverage near the nominal level for
 * small n and for accuracies near 0 or 1, where a small model's scores often lie, and it never
 * leaves [0, 1].
 */
public final class WilsonInterval {

    private WilsonInterval() {}

    /**
     * @param successes items scored 1
     * @param trials    items scored, at least one
     * @param level     the coverage, e.g. 0.95
     */
    public static ConfidenceInterval of(long successes, long trials, double level) {
        if (trials < 1) {
            throw new IllegalArgumentException("a proportion needs at least one trial");
        }
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException(
                    successes + " successes out of " + trials + " trials is not a proportion");
        }
        double z = NormalQuantile.twoSided(level);
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        // Rounding can push a bound a hair past 0 or 1 when p is 0 or 1.
        return new ConfidenceInterval(Math.max(0.0, centre - half), Math.min(1.0, centre + half), level);
    }
}
