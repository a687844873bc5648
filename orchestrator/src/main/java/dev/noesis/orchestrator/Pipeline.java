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
 * @param adapter     the LoRA adapter every model call of the run uses unless a step names its own
 *                    ({@code base}: the base model, which an {@code adapter-router} step then keeps),
 *                    or empty for the base model until an {@code adapter-router} step chooses
 */
public record Pipeline(
        String name, String description, List<Step> steps, Optional<String> model, Optional<AdapterChoice> adapter) {

    public Pipeline {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        adapter = adapter == null ? Optional.empty() : adapter;
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

    /** A pipeline on the base model until a step chooses an adapter. */
    public Pipeline(String name, String description, List<Step> steps, Optional<String> model) {
        this(name, description, steps, model, Optional.empty());
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

    /**
     * This pipeline with every model call on {@code adapter} unless a step names its own (a
     * request's choice, e.g. {@code PIPELINE@ADAPTER}); {@code base} for the base model.
     */
    public Pipeline withAdapter(AdapterChoice newAdapter) {
        return new Pipeline(name, description, steps, model, Optional.of(newAdapter));
    }

    /** Every adapter the pipeline names, the run's first, then its steps' in order (the router's choice is not known here). */
    public List<AdapterChoice> adapterChoices() {
        List<AdapterChoice> out = new ArrayList<>();
        adapter.ifPresent(out::add);
        collect(steps, out);
        return List.copyOf(out);
    }

    private static void collect(List<Step> steps, List<AdapterChoice> out) {
        for (Step s : steps) {
            switch (s) {
                case Step.Apply a -> a.adapter().ifPresent(out::add);
                case Step.Repeat r -> collect(r.steps(), out);
                case Step.Fanout f -> collect(f.steps(), out);
                case Step.When w -> collect(w.steps(), out);
            }
        }
    }
}
