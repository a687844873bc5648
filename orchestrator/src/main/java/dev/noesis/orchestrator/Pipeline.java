package dev.noesis.orchestrator;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.module.ThinkingModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A named composition of thinking modules: what a run executes. Written in YAML (see
 * {@link dev.noesis.orchestrator.pipeline.PipelineParser}) or built in code.
 *
 * @param name        how runs, traces and reports refer to it
 * @param description the idea the pipeline tests, in a sentence
 * @param steps       the steps, in order; not empty
 */
public record Pipeline(String name, String description, List<Step> steps) {

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

    /** A pipeline that applies {@code modules} one after the other. */
    public static Pipeline of(String name, String description, List<? extends ThinkingModule> modules) {
        List<Step> steps = new ArrayList<>();
        for (ThinkingModule m : modules) {
            steps.add(new Step.Apply(m, Position.NONE));
        }
        return new Pipeline(name, description, steps);
    }
}
