package dev.noesis.experiments.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Every formula against values computed by hand (or, for the normal quantile, by an independent
 * implementation), so that a wrong constant or an off-by-one in a tail fails here first.
 */
class KnownValuesTest {

    @Test
    void normalQuantilesMatchTheTables() {
        assertThat(NormalQuantile.of(0.975)).isCloseTo(1.959963984540054, within(1e-14));
        assertThat(NormalQuantile.of(0.8)).isCloseTo(0.8416212335729143, within(1e-14));
        assertThat(NormalQuantile.of(0.01)).isCloseTo(-2.3263478740408408, within(1e-13));
        assertThat(NormalQuantile.of(1e-10)).isCloseTo(-6.361340902404056, within(1e-12));
        assertThat(NormalQuantile.of(1e-300)).isCloseTo(-37.0470962993612, within(1e-10));
        assertThat(NormalQuantile.of(0.5)).isZero();
        assertThat(NormalQuantile.twoSided(0.95)).isCloseTo(1.959963984540054, within(1e-14));
    }

    @Test
    void wilsonIntervalForEightOfTen() {
        // p̂ = 0.8, z = 1.959964: centre (0.8 + z²/20) / (1 + z²/10) = 0.716741,
        // half-width z·√(0.016 + z²/400) / (1 + z²/10) = 0.226578.
        ConfidenceInterval ci = WilsonInterval.of(8, 10, 0.95);
        assertThat(ci.low()).isCloseTo(0.49016247153664183, within(1e-12));
        assertThat(ci.high()).isCloseTo(0.9433178485456247, within(1e-12));
        assertThat(ci.level()).isEqualTo(0.95);
    }

    @Test
    void wilsonIntervalStaysInsideZeroAndOneAtTheEdges() {
        ConfidenceInterval none = WilsonInterval.of(0, 20, 0.95);
        ConfidenceInterval all = WilsonInterval.of(20, 20, 0.95);
        assertThat(none.low()).isCloseTo(0.0, within(1e-15));
        // z²/(n + z²) for 0 of 20: 3.8415 / 23.8415
        assertThat(none.high()).isCloseTo(0.16112515805281938, within(1e-9));
        assertThat(all.high()).isEqualTo(1.0);
        assertThat(all.low()).isCloseTo(1 - 0.16112515805281938, within(1e-9));
    }

    @Test
    void mcNemarExactForASmallTable() {
        // 7 items only the arm got right, 1 only the baseline: m = 8,
        // P(X ≤ 1) = (C(8,0) + C(8,1)) / 2⁸ = 9/256, two-sided 18/256.
        assertThat(McNemarExactTest.pValue(7, 1)).isCloseTo(18.0 / 256.0, within(1e-15));
        assertThat(McNemarExactTest.pValue(1, 7)).isCloseTo(18.0 / 256.0, within(1e-15));
        // 6 and 0: 2 · 1/64
        assertThat(McNemarExactTest.pValue(6, 0)).isCloseTo(2.0 / 64.0, within(1e-15));
        assertThat(McNemarExactTest.pValue(4, 4)).isEqualTo(1.0);
        assertThat(McNemarExactTest.pValue(0, 0)).isEqualTo(1.0);
    }

    @Test
    void mcNemarExactStaysAccurateForThousandsOfDiscordantItems() {
        // Reference values from an independent exact binomial test.
        assertThat(McNemarExactTest.pValue(60, 40)).isCloseTo(0.05688793364098089, within(1e-12));
        assertThat(McNemarExactTest.pValue(5500, 4500) / 1.5510640568246638e-23).isCloseTo(1.0, within(1e-8));
    }

    @Test
    void holmOnAKnownList() {
        // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → raised to 0.06 (monotone).
        double[] adjusted = HolmBonferroni.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
        assertThat(adjusted).containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-15));
        assertThat(HolmBonferroni.adjust(new double[] {0.5, 0.4})).containsExactly(0.8, 0.8);
        assertThat(HolmBonferroni.adjust(new double[] {0.9, 0.6, 0.7})).containsExactly(1.0, 1.0, 1.0);
        assertThat(HolmBonferroni.adjust(new double[] {0.02})).containsExactly(0.02);
        assertThat(HolmBonferroni.adjust(new double[0])).isEmpty();
    }

    @Test
    void signFlipTestIsExactForFewItems() {
        // Signs of [1, 2, 3, 4]: only all + and all − reach |sum| = 10, 2 of 16 patterns.
        assertThat(SignFlipPermutationTest.pValue(new double[] {1, 2, 3, 4}, Resampling.seeded(1)))
                .isEqualTo(2.0 / 16);
        // ±0.5 ±0.2 ±0.3 with observed 0.6: |sum| ≥ 0.6 for 1.0, 0.6 and their negatives, 4 of 8.
        assertThat(SignFlipPermutationTest.pValue(new double[] {0.5, -0.2, 0.3}, Resampling.seeded(1)))
                .isEqualTo(0.5);
        assertThat(SignFlipPermutationTest.pValue(new double[] {0, 0, 0}, Resampling.seeded(1)))
                .isEqualTo(1.0);
    }

    @Test
    void signFlipTestByMonteCarloIsNeverZeroAndAgreesWithTheNormalTail() {
        // 200 differences of +1 and 100 of −1, mean 1/3, sd ≈ 0.943: z ≈ 5.8, far beyond any draw.
        double[] lopsided = new double[300];
        for (int i = 0; i < lopsided.length; i++) {
            lopsided[i] = i < 200 ? 1 : -1;
        }
        Resampling r = new Resampling(1_000, 7);
        assertThat(SignFlipPermutationTest.pValue(lopsided, r)).isEqualTo(1.0 / 1_001);
        // 55 of +1 and 45 of −1: the sign-flip null is exactly a fair coin, so p equals the exact
        // binomial two-sided p of 55 of 100, 0.368, within Monte Carlo error (sd ≈ 0.005 at 10,000).
        double[] close = new double[100];
        for (int i = 0; i < close.length; i++) {
            close[i] = i < 55 ? 1 : -1;
        }
        assertThat(SignFlipPermutationTest.pValue(close, Resampling.seeded(3)))
                .isCloseTo(0.36820161732669615, within(0.02));
    }

    @Test
    void percentileBootstrapOfAConstantIsThatConstantAndIsReproducible() {
        ConfidenceInterval constant =
                PercentileBootstrap.meanInterval(new double[] {0.4, 0.4, 0.4}, 0.95, Resampling.seeded(5));
        assertThat(constant.low()).isCloseTo(0.4, within(1e-15));
        assertThat(constant.high()).isCloseTo(0.4, within(1e-15));

        double[] values = new double[50];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 37 % 50) / 50.0;
        }
        ConfidenceInterval a = PercentileBootstrap.meanInterval(values, 0.95, Resampling.seeded(11));
        ConfidenceInterval b = PercentileBootstrap.meanInterval(values, 0.95, Resampling.seeded(11));
        ConfidenceInterval c = PercentileBootstrap.meanInterval(values, 0.95, Resampling.seeded(12));
        assertThat(a).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
        // Mean 0.49, sd 0.2887: the normal interval is 0.49 ± 1.96·0.2887/√50 = ± 0.080.
        assertThat(a.low()).isCloseTo(0.49 - 0.080, within(0.01));
        assertThat(a.high()).isCloseTo(0.49 + 0.080, within(0.01));
    }

    @Test
    void quantileInterpolatesBetweenOrderStatistics() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertThat(PercentileBootstrap.quantile(sorted, 0.0)).isEqualTo(1);
        assertThat(PercentileBootstrap.quantile(sorted, 0.5)).isEqualTo(3);
        assertThat(PercentileBootstrap.quantile(sorted, 0.1)).isCloseTo(1.4, within(1e-12));
        assertThat(PercentileBootstrap.quantile(sorted, 1.0)).isEqualTo(5);
    }

    @Test
    void minimumDetectableEffectOfAPairedRun() {
        // Connor (1987) with n = 200, ψ = 0.25: (200 + zβ²)δ² − 2·zα·√ψ·√200·δ + zα²ψ − zβ²ψ = 0.
        DetectableEffect effect = DetectableEffect.pairedBinary(200, 0.25);
        assertThat(effect.effect()).isCloseTo(0.09846826475964308, within(1e-12));
        assertThat(effect.sentence())
                .isEqualTo(
                        "With 200 items this run can detect a difference of about 9.8 points or more"
                                + " between arm and baseline (80% power, two-sided alpha 0.05, if arm and baseline disagree on about 25% of items).");
        // Four times the items, half the effect (nearly: the δ² term under the root).
        assertThat(DetectableEffect.pairedBinary(800, 0.25).effect()).isCloseTo(0.04945, within(0.0001));
        // More disagreement, larger effect needed.
        assertThat(DetectableEffect.pairedBinary(200, 0.5).effect()).isGreaterThan(effect.effect());
    }

    @Test
    void aRunTooSmallToDetectAnythingSaysSo() {
        DetectableEffect effect = DetectableEffect.pairedBinary(20, 0.02);
        assertThat(effect.detectable()).isFalse();
        assertThat(effect.sentence())
                .isEqualTo("With 20 items this run cannot detect a difference between arm and baseline"
                        + " at 80% power, if arm and baseline disagree on about 2% of items.");
    }

    @Test
    void minimumDetectableEffectOfOneProportion() {
        // (1.959964 + 0.841621) · √(0.25 / 200)
        DetectableEffect effect = DetectableEffect.singleProportion(200, 0.5);
        assertThat(effect.effect()).isCloseTo(0.09905099528998364, within(1e-12));
        assertThat(effect.sentence())
                .isEqualTo("With 200 items this run can tell an accuracy from a fixed value 9.9 points or more"
                        + " away (80% power, two-sided alpha 0.05).");
        assertThat(DetectableEffect.singleProportion(1, 0.5).detectable()).isFalse();
    }
}
