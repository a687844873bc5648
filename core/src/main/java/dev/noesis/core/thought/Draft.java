package dev.noesis.core.thought;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A candidate answer.
 *
 * @param text        the answer text
 * @param module      the module that wrote it
 * @param scores      named scores given to it (critic score, votes), by whoever scored it
 * @param validations structural checks run on it
 */
public record Draft(String text, String module, Map<String, Double> scores, List<Validation> validations) {

    public Draft {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(module, "module");
        scores = Map.copyOf(scores == null ? Map.of() : scores);
        validations = List.copyOf(validations == null ? List.of() : validations);
    }

    public static Draft of(String text, String module) {
        return new Draft(text, module, Map.of(), List.of());
    }

    public boolean passedValidation() {
        return validations.stream().allMatch(Validation::passed);
    }
}
