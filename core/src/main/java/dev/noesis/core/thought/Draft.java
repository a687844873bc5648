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

    public Draft withScore(String name, double value) {
        Map<String, Double> copy = new java.util.HashMap<>(scores);
        copy.put(name, value);
        return new Draft(text, module, copy, validations);
    }

    public Draft withValidations(List<Validation> more) {
        List<Validation> copy = new java.util.ArrayList<>(validations);
        copy.addAll(more);
        return new Draft(text, module, scores, copy);
    }

    public boolean passedValidation() {
        return validations.stream().allMatch(Validation::passed);
    }
}
