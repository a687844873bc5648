package dev.noesis.experiments.suite.extract;

import java.util.Optional;

/**
 * One named way to take an answer out of a model's output. The name is recorded with every
 * extracted answer, so a report can say how many answers each rule found.
 */
public interface ExtractionRule {

    /** The rule's name as written in suite files and logs, e.g. {@code gsm8k-hash}. */
    String name();

    /** The answer this rule finds in {@code output}, or empty when it does not apply. */
    Optional<String> apply(String output);
}
