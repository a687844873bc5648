package dev.noesis.experiments.stats;

import java.util.Locale;

/**
 * The minimum detectable effect of a run: the smallest true difference its verdict would find at 80%
 * power with a two-sided test at α = 0.05, given its number of items. Printed before a run starts and
 * in its report, so that a user sees when a run is too small to tell (200 items cannot see a 5-point
 * gain) instead of reading "no detectable difference" as "no difference".
 *
 * <p>Two designs:
 * <ul>
 *   <li>{@link #pairedBinary}: an arm against its baseline on the same items, scored 0 or 1 (McNemar).
 *       What matters besides n is the disagreement rate ψ, the share of items on which the two differ
 *       (discordant pairs): pipelines of one model agree on most items, which is what makes a paired
 *       comparison so much stronger than two separate accuracies. The effect δ solves the sample-size
 *       equation of R. J. Connor, "Sample size for testing differences in proportions for the
 *       paired-sample design", <i>Biometrics</i> 43, 1987, pp. 207–211:
 *       <pre>  n = (z<sub>1−α/2</sub>·√ψ + z<sub>1−β</sub>·√(ψ − δ²))² / δ²</pre>
 *       which is a quadratic in δ. ψ is assumed before a run and measured after it. No effect can exceed
 *       ψ (each point of difference needs a discordant item), so when the solution does, nothing is
 *       detectable at that power.</li>
 *   <li>{@link #singleProportion}: one configuration's accuracy against a fixed value p, with the normal
 *       approximation δ = (z<sub>1−α/2</sub> + z<sub>1−β</sub>)·√(p(1 − p)/n) (S.-C. Chow, J. Shao and
 *       H. Wang, <i>Sample Size Calculations in Clinical Research</i>, 2nd ed., 2008, §4.1).</li>
 * </ul>
 * These are normal approximations; the exact test the verdict uses is slightly conservative, so its
 * power at this effect is a few points under 80%.
 *
 * @param n                the number of items
 * @param effect           the detectable difference as a proportion (0.098 is 9.8 points); NaN when none is
 * @param disagreementRate the assumed or measured ψ for a paired design; NaN for a single proportion
 * @param paired           whether this is the paired design
 */
public record DetectableEffect(int n, double effect, double disagreementRate, boolean paired) {

    public static final double ALPHA = 0.05;
    public static final double POWER = 0.80;

    /**
     * The paired design (Connor 1987).
     *
     * @param n                items scored by both arm and baseline, at least one
     * @param disagreementRate the share of items on which they differ, in (0, 1]
     */
    public static DetectableEffect pairedBinary(int n, double disagreementRate) {
        if (n < 1) {
            throw new IllegalArgumentException("a run needs at least one item, not " + n);
        }
        if (!(disagreementRate > 0.0 && disagreementRate <= 1.0)) {
            throw new IllegalArgumentException("a disagreement rate lies in (0, 1], not " + disagreementRate);
        }
        double psi = disagreementRate;
        double a = NormalQuantile.of(1 - ALPHA / 2) * Math.sqrt(psi);
        double b = NormalQuantile.of(POWER);
        // (n + b²)·δ² − 2a√n·δ + (a² − b²ψ) = 0; the larger root is the one with √n·δ ≥ a.
        double qa = n + b * b;
        double qb = -2 * a * Math.sqrt(n);
        double qc = a * a - b * b * psi;
        double delta = (-qb + Math.sqrt(qb * qb - 4 * qa * qc)) / (2 * qa);
        return new DetectableEffect(n, delta <= psi ? delta : Double.NaN, psi, true);
    }

    /**
     * One proportion against a fixed value.
     *
     * @param n          items, at least one
     * @param proportion the expected accuracy, in (0, 1); 0.5 gives the largest (most cautious) effect
     */
    public static DetectableEffect singleProportion(int n, double proportion) {
        if (n < 1) {
            throw new IllegalArgumentException("a run needs at least one item, not " + n);
        }
        if (!(proportion > 0.0 && proportion < 1.0)) {
            throw new IllegalArgumentException("a proportion lies strictly between 0 and 1 here, not " + proportion);
        }
        double z = NormalQuantile.of(1 - ALPHA / 2) + NormalQuantile.of(POWER);
        double delta = z * Math.sqrt(proportion * (1 - proportion) / n);
        return new DetectableEffect(n, delta <= 1.0 ? delta : Double.NaN, Double.NaN, false);
    }

    /** Whether any effect is detectable at 80% power. */
    public boolean detectable() {
        return !Double.isNaN(effect);
    }

    /** The effect in percentage points. */
    public double points() {
        return 100 * effect;
    }

    /** The sentence for the user, e.g. "With 200 items this run can detect a difference of about 9.8 points or more (…)." */
    public String sentence() {
        String items = n == 1 ? "1 item" : n + " items";
        String conditions = String.format(Locale.ROOT, "80%% power, two-sided alpha %.2f", ALPHA);
        if (paired) {
            String agreement = String.format(
                    Locale.ROOT, "if arm and baseline disagree on about %s of items", percent(disagreementRate));
            if (!detectable()) {
                return "With " + items + " this run cannot detect a difference between arm and baseline at 80% power, "
                        + agreement + ".";
            }
            return String.format(
                    Locale.ROOT,
                    "With %s this run can detect a difference of about %.1f points or more between arm and baseline (%s, %s).",
                    items,
                    points(),
                    conditions,
                    agreement);
        }
        if (!detectable()) {
            return "With " + items + " this run cannot tell an accuracy from a fixed value at 80% power.";
        }
        return String.format(
                Locale.ROOT,
                "With %s this run can tell an accuracy from a fixed value %.1f points or more away (%s).",
                items,
                points(),
                conditions);
    }

    private static String percent(double share) {
        double p = 100 * share;
        return p >= 10 || p == Math.rint(p)
                ? String.format(Locale.ROOT, "%.0f%%", p)
                : String.format(Locale.ROOT, "%.1f%%", p);
    }
}
