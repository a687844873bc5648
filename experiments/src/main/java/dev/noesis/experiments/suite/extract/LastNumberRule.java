package dev.noesis.experiments.suite.extract;

import dev.noesis.experiments.suite.metric.NumericAnswer;
import java.util.Optional;

/** {@code last-number}: the last number in the output, normalised (no thousands separators or trailing zeros). */
final class LastNumberRule implements ExtractionRule {

    @Override
    public String name() {
        return "last-number";
    }

    @Override
    public Optional<String> apply(String output) {
        return NumericAnswer.normalized(output);
    }
}
