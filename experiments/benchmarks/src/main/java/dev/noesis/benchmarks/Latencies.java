package dev.noesis.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * Percentiles of a set of timings (nearest-rank: the p-th percentile is the smallest time that at
 * least p% of the timings do not exceed), in milliseconds. Every benchmark reports its latencies
 * with this one record. With no timings every figure is NaN: there is no median of nothing.
 *
 * @param count   how many timings
 * @param p50Ms   the median
 * @param p90Ms   the 90th percentile
 * @param p99Ms   the 99th percentile
 * @param meanMs  the mean
 * @param maxMs   the slowest
 */
public record Latencies(int count, double p50Ms, double p90Ms, double p99Ms, double meanMs, double maxMs) {

    public static Latencies ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return new Latencies(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latencies(
                sorted.length,
                percentile(sorted, 50) / 1e6,
                percentile(sorted, 90) / 1e6,
                percentile(sorted, 99) / 1e6,
                Arrays.stream(sorted).average().orElse(0) / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** One line for reports, e.g. "p50 1.2 ms, p90 1.9 ms, p99 3.0 ms, mean 1.3 ms, max 4.1 ms (200 calls)". */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, mean %.1f ms, max %.1f ms (%d calls)",
                p50Ms,
                p90Ms,
                p99Ms,
                meanMs,
                maxMs,
                count);
    }
}
