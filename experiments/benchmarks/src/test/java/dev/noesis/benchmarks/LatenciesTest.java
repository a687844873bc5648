package dev.noesis.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one latency record: the figures the memory benchmarks print, and no figure for no timings. */
class LatenciesTest {

    @Test
    void theTailAndTheReportLineAreThoseOfTheTimings() {
        long[] nanos = new long[10];
        for (int i = 0; i < 10; i++) {
            nanos[i] = (i + 1) * 1_000_000L; // 1 ms up to 10 ms
        }
        Latencies l = Latencies.ofNanos(nanos);
        assertThat(l.count()).isEqualTo(10);
        assertThat(l.p90Ms()).isEqualTo(9.0);
        assertThat(l.maxMs()).isEqualTo(10.0);
        assertThat(l).hasToString("p50 5.0 ms, p90 9.0 ms, p99 10.0 ms, mean 5.5 ms, max 10.0 ms (10 calls)");
    }

    @Test
    void noTimingsGiveNoFigures() {
        Latencies none = Latencies.ofNanos(new long[0]);
        assertThat(none.count()).isZero();
        assertThat(none.p50Ms()).isNaN();
        assertThat(none.maxMs()).isNaN();
    }
}
