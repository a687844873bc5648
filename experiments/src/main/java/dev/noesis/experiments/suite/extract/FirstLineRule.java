package dev.noesis.experiments.suite.extract;

import java.util.Optional;

/** {@code first-line}: the first line of the output that is not blank, trimmed. */
final class FirstLineRule implements ExtractionRule {

    @Override
    public String name() {
        return "first-line";
    }

    @Override
    public Optional<String> apply(String output) {
        return output.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst();
    }
}
