package dev.noesis.experiments.suite.metric;

import dev.noesis.experiments.log.Extraction;
import java.util.List;
import java.util.Map;

/** {@link NumericAnswer} exact match. */
final class NumericScorer implements Scorer {

    @Override
    public List<String> metrics() {
        return List.of(MetricNames.NUMERIC);
    }

    @Override
    public Map<String, Double> score(List<String> gold, Extraction extracted) {
        return Map.of(MetricNames.NUMERIC, NumericAnswer.exactMatch(extracted.answer(), gold));
    }
}
