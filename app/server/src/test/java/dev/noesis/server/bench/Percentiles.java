package dev.noesis.server.bench;

import java.util.Arrays;
import java.util.Locale;

/** Milliseconds measured for one kind of request, summarised as p50, p99 and their count. */
record Percentiles(String what, double p50, double p99, double mean, int n) {

    static Percentiles of(String what, double[] ms) {
        if (ms.length == 0) {
            throw new IllegalArgumentException("No measurements for " + what);
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return new Percentiles(
                what,
                at(sorted, 0.50),
                at(sorted, 0.99),
                Arrays.stream(sorted).average().orElse(0),
                sorted.length);
    }

    // Nearest rank: the smallest value with at least q of the measurements at or below it.
    private static double at(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT, "%-62s p50 %8.3f ms   p99 %8.3f ms   mean %8.3f ms   n=%d", what, p50, p99, mean, n);
    }
}
