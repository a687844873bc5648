package dev.noesis.experiments.suite.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.noesis.experiments.log.Extraction;
import dev.noesis.experiments.suite.CorpusMetric.Answered;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void accuracyComparesLabelsIgnoringCaseAndTrailingPunctuation() {
        assertThat(Labels.accuracy(" support.", List.of("SUPPORT"))).isEqualTo(1.0);
        assertThat(Labels.accuracy("CONTRADICT", List.of("SUPPORT"))).isZero();
        assertThat(Labels.accuracy(null, List.of("SUPPORT"))).isZero();
    }

    @Test
    void macroF1IsTheMeanOfPerClassF1() {
        // SUPPORT: 2 true positives, 2 predicted, 3 gold -> 4/5. CONTRADICT: 1 of 2 predicted, 2 gold -> 1/2.
        List<Labels.Pair> pairs = List.of(
                new Labels.Pair("SUPPORT", "SUPPORT"),
                new Labels.Pair("SUPPORT", "CONTRADICT"),
                new Labels.Pair("CONTRADICT", "contradict"),
                new Labels.Pair("CONTRADICT", null),
                new Labels.Pair("SUPPORT", "SUPPORT"));

        assertThat(Labels.macroF1(pairs)).isCloseTo((0.8 + 0.5) / 2, within(1e-12));
    }

    @Test
    void alwaysAnsweringOneLabelScoresHalfOfItsClassF1() {
        // Always SUPPORT on 3 SUPPORT + 1 CONTRADICT: accuracy 0.75 but macro-F1 (6/7 + 0) / 2.
        List<Labels.Pair> pairs = List.of(
                new Labels.Pair("SUPPORT", "SUPPORT"),
                new Labels.Pair("SUPPORT", "SUPPORT"),
                new Labels.Pair("SUPPORT", "SUPPORT"),
                new Labels.Pair("CONTRADICT", "SUPPORT"));

        assertThat(Labels.macroF1(pairs)).isCloseTo(3.0 / 7, within(1e-12));
        assertThat(Labels.macroF1(List.of())).isZero();
    }

    @Test
    void theCorpusMetricReadsTheFirstGoldAnswerAsTheLabel() {
        double f = new MacroF1()
                .compute(List.of(
                        new Answered(List.of("SUPPORT"), "SUPPORT"), new Answered(List.of("CONTRADICT"), "SUPPORT")));
        // SUPPORT: 1 tp, 2 predicted, 1 gold -> 2/3; CONTRADICT: 0.
        assertThat(f).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void scorersGiveEveryMetricAndZerosWithoutAnAnswer() {
        Extraction none = new Extraction(null, "none");
        assertThat(Scorer.exactMatchAndF1().score(List.of("Paris"), none)).containsOnlyKeys("em", "f1");
        assertThat(Scorer.exactMatchAndF1().score(List.of("Paris"), none).values())
                .containsOnly(0.0);
        assertThat(Scorer.f1AndExactMatch().metrics()).containsExactly("f1", "em");
        assertThat(Scorer.numeric().score(List.of("18"), new Extraction("18.00", "last-number")))
                .containsEntry("numeric", 1.0);
        assertThat(Scorer.accuracy().score(List.of("SUPPORT"), new Extraction("SUPPORT", "label")))
                .containsEntry("accuracy", 1.0);
    }
}
