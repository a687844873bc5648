package dev.noesis.experiments.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.noesis.core.error.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A comparison computed from item scores: which test, which numbers, which verdict, and what it refuses. */
class PairedComparisonTest {

    private static final Resampling RESAMPLING = new Resampling(2_000, 42);

    /** 20 items: 7 only the arm gets right, 1 only the baseline, 6 both, 6 neither. */
    private static ItemScores[] smallTable() {
        Map<String, Integer> arm = new LinkedHashMap<>();
        Map<String, Integer> base = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            String id = "q" + i;
            arm.put(id, i < 7 || (i >= 8 && i < 14) ? 1 : 0);
            base.put(id, i == 7 || (i >= 8 && i < 14) ? 1 : 0);
        }
        return new ItemScores[] {ItemScores.of("critique-refine", arm), ItemScores.of("raw", base)};
    }

    @Test
    void binaryScoresAreComparedWithMcNemarsExactTest() {
        ItemScores[] t = smallTable();
        PairedComparison c = PairedComparison.of(t[0], t[1], RESAMPLING);
        assertThat(c.arm()).isEqualTo("critique-refine");
        assertThat(c.baseline()).isEqualTo("raw");
        assertThat(c.n()).isEqualTo(20);
        assertThat(c.delta()).isCloseTo(6.0 / 20, within(1e-15));
        assertThat(c.test()).isEqualTo(PairedTest.MCNEMAR_EXACT);
        assertThat(c.pValue()).isCloseTo(18.0 / 256, within(1e-15));
        assertThat(c.disagreementRate()).isEqualTo(8.0 / 20);
        assertThat(c.resampling()).isEqualTo(RESAMPLING);
        assertThat(c.interval().contains(c.delta())).isTrue();
        assertThat(c.interval().level()).isEqualTo(0.95);
    }

    @Test
    void continuousScoresAreComparedWithTheSignFlipTest() {
        ItemScores arm = ItemScores.of("rag", Map.of("a", 0.5, "b", 0.8, "c", 0.7));
        ItemScores base = ItemScores.of("raw", Map.of("a", 0.0, "b", 0.6, "c", 0.4));
        PairedComparison c = PairedComparison.of(arm, base, RESAMPLING);
        assertThat(c.test()).isEqualTo(PairedTest.SIGN_FLIP_PERMUTATION);
        // Differences 0.5, 0.2, 0.3: exact over 8 sign patterns, only all + and all − reach 1.0.
        assertThat(c.pValue()).isEqualTo(2.0 / 8);
        assertThat(c.delta()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void severalSeedsAreAveragedWithinTheirItemBeforeAnythingElse() {
        // Item a: the arm is right on 4 seeds of 4, the baseline on 1 of 4; item b: 0 of 2 against 1 of 2.
        ItemScores arm = ItemScores.builder("self-consistency")
                .add("a", 1)
                .add("a", 1)
                .add("a", 1)
                .add("a", 1)
                .add("b", 0)
                .add("b", 0)
                .build();
        ItemScores base = ItemScores.builder("raw")
                .add("a", 1)
                .add("a", 0)
                .add("a", 0)
                .add("a", 0)
                .add("b", 1)
                .add("b", 0)
                .build();
        PairedComparison c = PairedComparison.of(arm, base, RESAMPLING);
        assertThat(c.n()).as("items, not seeds × items").isEqualTo(2);
        // Per item: 1 − 0.25 = 0.75 and 0 − 0.5 = −0.5, mean 0.125 (pooling the 6 scores would give 0).
        assertThat(c.delta()).isCloseTo(0.125, within(1e-15));
        assertThat(c.test()).as("binary scores, but several per item").isEqualTo(PairedTest.SIGN_FLIP_PERMUTATION);
        assertThat(arm.mean()).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void anItemMissingFromTheArmIsNamed() {
        ItemScores arm = ItemScores.of("rag", Map.of("a", 1));
        Map<String, Integer> baseScores = new LinkedHashMap<>();
        baseScores.put("a", 0);
        baseScores.put("q17", 1);
        baseScores.put("q18", 1);
        ItemScores base = ItemScores.of("raw", baseScores);
        assertThatThrownBy(() -> PairedComparison.of(arm, base, RESAMPLING))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "'rag' has no score for item 'q17', which its baseline 'raw' has; a paired comparison needs both"
                                + " scored on the same items.");
    }

    @Test
    void anItemMissingFromTheBaselineIsNamed() {
        Map<String, Integer> armScores = new LinkedHashMap<>();
        armScores.put("a", 1);
        armScores.put("extra", 1);
        ItemScores arm = ItemScores.of("rag", armScores);
        ItemScores base = ItemScores.of("raw", Map.of("a", 0));
        assertThatThrownBy(() -> PairedComparison.of(arm, base, RESAMPLING))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("The baseline 'raw' has no score for item 'extra', which 'rag' has");
    }

    @Test
    void emptyScoresAndNonFiniteScoresAreRefused() {
        assertThatThrownBy(() -> ItemScores.builder("raw").build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("'raw' has no scored items; statistics need at least one.");
        assertThatThrownBy(() -> ItemScores.builder("raw").add("q1", Double.NaN))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Item 'q1' of 'raw' has the score NaN; scores must be finite numbers.");
        assertThatThrownBy(() -> ItemScores.builder("raw").add("q2", Double.POSITIVE_INFINITY))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'q2'")
                .hasMessageContaining("Infinity");
        Map<String, Double> withNull = new LinkedHashMap<>();
        withNull.put("q3", null);
        assertThatThrownBy(() -> ItemScores.of("raw", withNull))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'q3'");
        assertThatThrownBy(() -> ItemScores.builder("raw").add(" ", 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("'raw' has a score without an item id.");
    }

    @Test
    void holmDecidesTheVerdictsOfAFamily() {
        PairedComparison gain = comparison("a", 0.3, 0.1, 0.5, 0.001);
        PairedComparison loss = comparison("b", -0.2, -0.35, -0.05, 0.01);
        // Three comparisons: 0.001·3, 0.01·2, 0.03·1, so the marginal one still passes.
        PairedComparison marginal = comparison("c", 0.1, 0.01, 0.2, 0.03);
        List<JudgedComparison> judged = ComparisonFamily.judge(List.of(gain, loss, marginal));
        assertThat(adjusted(judged)).containsExactly(new double[] {0.003, 0.02, 0.03}, within(1e-15));
        assertThat(judged)
                .extracting(JudgedComparison::verdict)
                .containsExactly(Verdict.BETTER, Verdict.WORSE, Verdict.BETTER);

        PairedComparison another = comparison("d", 0.1, 0.02, 0.2, 0.04);
        List<JudgedComparison> four = ComparisonFamily.judge(List.of(gain, loss, marginal, another));
        // 0.001·4, 0.01·3, 0.03·2 = 0.06, max(0.06, 0.04·1) = 0.06: the last two are no longer detectable.
        assertThat(adjusted(four)).containsExactly(new double[] {0.004, 0.03, 0.06, 0.06}, within(1e-15));
        assertThat(four)
                .extracting(JudgedComparison::verdict)
                .containsExactly(
                        Verdict.BETTER,
                        Verdict.WORSE,
                        Verdict.NO_DETECTABLE_DIFFERENCE,
                        Verdict.NO_DETECTABLE_DIFFERENCE);
    }

    @Test
    void aVerdictNeedsTheTestAndTheIntervalToAgree() {
        ConfidenceInterval above = new ConfidenceInterval(0.01, 0.2, 0.95);
        ConfidenceInterval straddles = new ConfidenceInterval(-0.01, 0.2, 0.95);
        ConfidenceInterval below = new ConfidenceInterval(-0.2, -0.01, 0.95);
        assertThat(Verdict.decide(0.01, above, 0.05)).isEqualTo(Verdict.BETTER);
        assertThat(Verdict.decide(0.01, below, 0.05)).isEqualTo(Verdict.WORSE);
        assertThat(Verdict.decide(0.01, straddles, 0.05)).isEqualTo(Verdict.NO_DETECTABLE_DIFFERENCE);
        assertThat(Verdict.decide(0.05, above, 0.05))
                .as("p must be below alpha")
                .isEqualTo(Verdict.NO_DETECTABLE_DIFFERENCE);
        assertThat(Verdict.decide(0.2, below, 0.05)).isEqualTo(Verdict.NO_DETECTABLE_DIFFERENCE);
        assertThat(Verdict.fromLabel("no detectable difference")).isEqualTo(Verdict.NO_DETECTABLE_DIFFERENCE);
    }

    @Test
    void armEstimatesUseWilsonForProportionsAndTheBootstrapOtherwise() {
        Map<String, Integer> eightOfTen = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            eightOfTen.put("q" + i, i < 8 ? 1 : 0);
        }
        ArmEstimate proportion = ArmEstimate.of(ItemScores.of("raw", eightOfTen), RESAMPLING);
        assertThat(proportion.method()).isEqualTo("wilson");
        assertThat(proportion.mean()).isEqualTo(0.8);
        assertThat(proportion.interval()).isEqualTo(WilsonInterval.of(8, 10, 0.95));

        ArmEstimate f1 = ArmEstimate.of(ItemScores.of("rag", Map.of("a", 0.2, "b", 0.4, "c", 0.9)), RESAMPLING);
        assertThat(f1.method()).isEqualTo("percentile-bootstrap");
        assertThat(f1.mean()).isCloseTo(0.5, within(1e-15));
        assertThat(f1.interval().low()).isGreaterThanOrEqualTo(0.2);
        assertThat(f1.interval().high()).isLessThanOrEqualTo(0.9);
        assertThat(f1.interval().low()).isLessThan(f1.interval().high());
    }

    private static double[] adjusted(List<JudgedComparison> judged) {
        return judged.stream().mapToDouble(JudgedComparison::adjustedP).toArray();
    }

    private static PairedComparison comparison(String arm, double delta, double low, double high, double p) {
        return new PairedComparison(
                arm,
                "raw",
                100,
                delta,
                new ConfidenceInterval(low, high, 0.95),
                p,
                PairedTest.MCNEMAR_EXACT,
                RESAMPLING,
                0.3);
    }
}
