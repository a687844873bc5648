package dev.noesis.memory.bench;

import java.util.Arrays;

/** Latency figures over a set of timed calls, in milliseconds. */
public record Latency(int calls, double p50, double p90, double p99, double mean, double max) {

    public static Latency of(long[] nanos) {
        if (nanos.length == 0) {
            return new Latency(0, 0, 0, 0, 0, 0);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        return new Latency(
                sorted.length,
                percentile(sorted, 50),
                percentile(sorted, 90),
                percentile(sorted, 99),
                mean,
                sorted[sorted.length - 1] / 1e6);
    }

    /** Nearest-rank percentile. */
    private static double percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, mean %.1f ms, max %.1f ms (%d calls)",
                p50,
                p90,
                p99,
                mean,
                max,
                calls);
    }
}
