package dev.noesis.orchestrator;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.module.ThinkingModule;
import java.util.List;
import java.util.Objects;

/**
 * A named sequence of thinking modules, applied in order to a {@link dev.noesis.core.thought.ThoughtState}.
 *
 * @param name        how runs, traces and reports refer to it
 * @param description the idea the pipeline tests, in a sentence
 * @param steps       the modules, in order; not empty
 */
public record Pipeline(String name, String description, List<ThinkingModule> steps) {

    public Pipeline {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        steps = List.copyOf(steps);
        if (name.isBlank()) {
            throw new InvalidInputException("A pipeline needs a name.");
        }
        if (steps.isEmpty()) {
            throw new InvalidInputException("The pipeline '" + name + "' has no steps.");
        }
    }
}
