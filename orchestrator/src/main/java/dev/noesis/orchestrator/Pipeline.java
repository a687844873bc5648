package dev.noesis.orchestrator;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.module.ThinkingModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A named composition of thinking modules: what a run executes. Written in YAML (see
 * {@link dev.noesis.orchestrator.pipeline.PipelineParser}) or built in code.
 *
 * @param name        how runs, traces and reports refer to it
 * @param description the idea the pipeline tests, in a sentence
 * @param steps       the steps, in order; not empty
 * @param model       the model the pipeline asks to run on (a model reference as configuration and
 *                    {@code --model} take them), or empty for the run's configured model (a file's
 *                    {@code model: default}); the caller chooses the model, an explicit choice of
 *                    the user's winning over this one
 */
public record Pipeline(String name, String description, List<Step> steps, Optional<String> model) {

    public Pipeline {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        description = description == null ? "" : description;
        steps = List.copyOf(steps);
        if (name.isBlank()) {
            throw new InvalidInputException("A pipeline needs a name.");
        }
        if (steps.isEmpty()) {
            throw new InvalidInputException("The pipeline '" + name + "' has no steps.");
        }
        if (model.isPresent() && model.get().isBlank()) {
            throw new InvalidInputException("The pipeline '" + name + "' names an empty model.");
        }
    }

    /** A pipeline that runs on the run's configured model. */
    public Pipeline(String name, String description, List<Step> steps) {
        this(name, description, steps, Optional.empty());
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
