package dev.noesis.experiments.suite.metric;

import dev.noesis.experiments.suite.CorpusMetric;
import java.util.List;

/** {@link Labels#macroF1} as a corpus metric, the first gold answer being the item's label. */
public final class MacroF1 implements CorpusMetric {

    @Override
    public String name() {
        return MetricNames.MACRO_F1;
    }

    @Override
    public double compute(List<Answered> answers) {
        return Labels.macroF1(answers.stream()
                .map(a -> new Labels.Pair(a.gold().get(0), a.answer()))
                .toList());
    }
}
