package dev.noesis.experiments.suite.metric;

import dev.noesis.experiments.log.Extraction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SQuAD exact match and token F1, in the order given. */
final class QaScorer implements Scorer {

    private final List<String> metrics;

    QaScorer(List<String> metrics) {
        this.metrics = List.copyOf(metrics);
    }

    @Override
    public List<String> metrics() {
        return metrics;
    }

    @Override
    public Map<String, Double> score(List<String> gold, Extraction extracted) {
        String answer = extracted.answer();
        Map<String, Double> out = new LinkedHashMap<>();
        for (String m : metrics) {
            out.put(
                    m,
                    m.equals(MetricNames.EM) ? SquadMetrics.exactMatch(answer, gold) : SquadMetrics.f1(answer, gold));
        }
        return out;
    }
}
