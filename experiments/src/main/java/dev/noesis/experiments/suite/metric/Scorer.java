package dev.noesis.experiments.suite.metric;

import dev.noesis.experiments.log.Extraction;
import java.util.List;
import java.util.Map;

/** Scores one extracted answer against gold answers on a fixed list of metrics. */
public interface Scorer {

    /** The metrics {@link #score} gives, the primary one first. */
    List<String> metrics();

    /** Metric name to score, for every metric; all 0 when the extraction found no answer. */
    Map<String, Double> score(List<String> gold, Extraction extracted);

    /** Exact match and token F1 (SQuAD), exact match primary. */
    static Scorer exactMatchAndF1() {
        return new QaScorer(List.of(MetricNames.EM, MetricNames.F1));
    }

    /** Token F1 and exact match (SQuAD), F1 primary. */
    static Scorer f1AndExactMatch() {
        return new QaScorer(List.of(MetricNames.F1, MetricNames.EM));
    }

    /** The same number. */
    static Scorer numeric() {
        return new NumericScorer();
    }

    /** The same label. */
    static Scorer accuracy() {
        return new LabelScorer();
    }
}
