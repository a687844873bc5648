package dev.noesis.retrieval.beir;

import java.util.Arrays;

/**
 * Percentiles of a set of timings (nearest-rank: the p-th percentile is the smallest time that at
 * least p% of the timings do not exceed).
 *
 * @param count   how many timings
 * @param p50Ms   the median, in milliseconds
 * @param p99Ms   the 99th percentile, in milliseconds
 * @param meanMs  the mean, in milliseconds
 */
public record Latencies(int count, double p50Ms, double p99Ms, double meanMs) {

    public static Latencies ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return new Latencies(0, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latencies(
                sorted.length,
                percentile(sorted, 50) / 1e6,
                percentile(sorted, 99) / 1e6,
                Arrays.stream(sorted).average().orElse(0) / 1e6);
    }

    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
