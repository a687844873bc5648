package dev.noesis.experiments.suite.extract;

import dev.noesis.experiments.log.Extraction;
import java.util.List;
import java.util.Optional;

/**
 * Rules tried in order: the first that finds a non-blank answer gives it, named. When none does
 * (or the output is empty) the extraction has no answer and the rule {@value #NONE}, which scores
 * 0 and never fails the item.
 */
public final class Extractor {

    /** The rule recorded when no rule found an answer. */
    public static final String NONE = "none";

    private final List<ExtractionRule> rules;

    public Extractor(List<ExtractionRule> rules) {
        if (rules == null || rules.isEmpty()) {
            throw new IllegalArgumentException("an extractor needs at least one rule");
        }
        this.rules = List.copyOf(rules);
    }

    /** The rules' names in the order they are tried (part of a suite's config). */
    public List<String> ruleNames() {
        return rules.stream().map(ExtractionRule::name).toList();
    }

    public List<ExtractionRule> rules() {
        return rules;
    }

    /** The answer of the first rule that finds one, else no answer by rule {@value #NONE}. */
    public Extraction extract(String output) {
        if (output == null || output.isBlank()) {
            return new Extraction(null, NONE);
        }
        for (ExtractionRule rule : rules) {
            Optional<String> answer = rule.apply(output);
            if (answer.isPresent() && !answer.get().isBlank()) {
                return new Extraction(answer.get(), rule.name());
            }
        }
        return new Extraction(null, NONE);
    }
}
