package dev.noesis.experiments.stats;

import java.util.SplittableRandom;

/**
 * How many resamples a bootstrap or a permutation test draws, and from which seed: both are
 * reported with every interval and p-value so that anyone can recompute them exactly.
 *
 * @param resamples the number of resamples, at least {@value #MIN_RESAMPLES}
 * @param seed      the seed of the {@link SplittableRandom} the resamples are drawn from
 */
public record Resampling(int resamples, long seed) {

    /** What an experiment's report uses: enough that the Monte Carlo error of a 95% bound is small beside its width. */
    public static final int DEFAULT_RESAMPLES = 10_000;

    /** Fewer resamples leave the 2.5% tail of a percentile interval to a handful of draws. */
    public static final int MIN_RESAMPLES = 100;

    public Resampling {
        if (resamples < MIN_RESAMPLES) {
            throw new IllegalArgumentException("at least " + MIN_RESAMPLES + " resamples are needed, not " + resamples);
        }
    }

    /** {@value #DEFAULT_RESAMPLES} resamples from {@code seed}. */
    public static Resampling seeded(long seed) {
        return new Resampling(DEFAULT_RESAMPLES, seed);
    }

    /** A fresh generator at the start of the seed's stream: each computation that draws starts from here. */
    SplittableRandom random() {
        return new SplittableRandom(seed);
    }
}
