package dev.noesis.experiments.suite.extract;

import dev.noesis.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/** The rules by name, as suite files write them. */
public final class ExtractionRules {

    /** The names {@link #byName} knows; {@code json-field} takes its field after a colon. */
    public static final List<String> NAMES = List.of(
            "json-field:FIELD", "gsm8k-hash", "answer-prefix", "answer-is", "last-number", "first-line", "label");

    private ExtractionRules() {}

    public static ExtractionRule jsonField(String field) {
        return new JsonFieldRule(field);
    }

    public static ExtractionRule gsm8kHash() {
        return PatternRule.gsm8kHash();
    }

    public static ExtractionRule answerPrefix() {
        return PatternRule.answerPrefix();
    }

    public static ExtractionRule answerIs() {
        return PatternRule.answerIs();
    }

    public static ExtractionRule lastNumber() {
        return new LastNumberRule();
    }

    public static ExtractionRule firstLine() {
        return new FirstLineRule();
    }

    public static ExtractionRule label(List<String> labels) {
        return new LabelRule(labels);
    }

    /**
     * The rule a name stands for.
     *
     * @param labels the labels for {@code label}; may be empty when it is not used
     * @throws InvalidInputException for an unknown name, or {@code label} without labels
     */
    public static ExtractionRule byName(String name, List<String> labels) {
        String n = name == null ? "" : name.strip();
        if (n.startsWith("json-field:") && n.length() > "json-field:".length()) {
            return jsonField(n.substring("json-field:".length()).strip());
        }
        return switch (n) {
            case "gsm8k-hash" -> gsm8kHash();
            case "answer-prefix" -> answerPrefix();
            case "answer-is" -> answerIs();
            case "last-number" -> lastNumber();
            case "first-line" -> firstLine();
            case "label" -> {
                if (labels.isEmpty()) {
                    throw new InvalidInputException("The extraction rule 'label' needs the labels to look for.");
                }
                yield label(labels);
            }
            default ->
                throw new InvalidInputException(
                        "Unknown extraction rule '" + n + "'; known rules: " + String.join(", ", NAMES) + ".");
        };
    }

    /** The rules for these names, in order. */
    public static Extractor extractor(List<String> names, List<String> labels) {
        List<ExtractionRule> rules = new ArrayList<>();
        for (String n : names) {
            rules.add(byName(n, labels));
        }
        return new Extractor(rules);
    }
}
