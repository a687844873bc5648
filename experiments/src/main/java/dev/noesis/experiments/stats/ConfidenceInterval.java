package dev.noesis.experiments.stats;

/**
 * A two-sided confidence interval.
 *
 * @param low   the lower bound
 * @param high  the upper bound, never below {@code low}
 * @param level the coverage it is built for, e.g. 0.95
 */
public record ConfidenceInterval(double low, double high, double level) {

    public ConfidenceInterval {
        if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
            throw new IllegalArgumentException("not an interval: [" + low + ", " + high + "]");
        }
        if (!(level > 0.0 && level < 1.0)) {
            throw new IllegalArgumentException("a confidence level must lie strictly between 0 and 1, not " + level);
        }
    }

    /** Whether {@code value} lies inside, bounds included. */
    public boolean contains(double value) {
        return low <= value && value <= high;
    }

    /** Whether the whole interval lies above zero. */
    public boolean aboveZero() {
        return low > 0.0;
    }

    /** Whether the whole interval lies below zero. */
    public boolean belowZero() {
        return high < 0.0;
    }
}
