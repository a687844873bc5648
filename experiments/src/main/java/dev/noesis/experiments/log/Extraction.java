package dev.noesis.experiments.log;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What was taken from an output as its answer, and by which rule, so that a score can be checked
 * against the text it came from and a failed extraction is visible as one.
 *
 * @param answer the extracted answer, or null when the rule found none
 * @param rule   the rule's name, e.g. {@code last-number} or {@code json:answer}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Extraction(String answer, String rule) {

    public Extraction {
        if (rule == null || rule.isBlank()) {
            throw new IllegalArgumentException("an extraction names the rule it used");
        }
    }

    /** Whether the rule found an answer. */
    public boolean found() {
        return answer != null;
    }
}
