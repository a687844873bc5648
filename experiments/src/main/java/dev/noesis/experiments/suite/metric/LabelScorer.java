package dev.noesis.experiments.suite.metric;

import dev.noesis.experiments.log.Extraction;
import java.util.List;
import java.util.Map;

/** {@link Labels#accuracy} per item. */
final class LabelScorer implements Scorer {

    @Override
    public List<String> metrics() {
        return List.of(MetricNames.ACCURACY);
    }

    @Override
    public Map<String, Double> score(List<String> gold, Extraction extracted) {
        return Map.of(MetricNames.ACCURACY, Labels.accuracy(extracted.answer(), gold));
    }
}
