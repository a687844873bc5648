package dev.noesis.orchestrator;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.LanguageModel;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The run's model for each LoRA adapter: what the runner asks for the model of a step once a
 * pipeline (or its {@code adapter-router} step) has chosen an adapter. The application implements
 * it over its backends: in process, the adapter's variant of the base model (merged weights
 * sharing the base's other tensors); over an OpenAI-compatible server, the server's model name
 * for the adapter. The runner does not close what it is given.
 *
 * <p>A {@link LanguageModel} that also implements this interface is used as such by
 * {@link Orchestrator#Orchestrator(LanguageModel)}; any other model takes no adapter.
 */
public interface AdapterModels {

    /** The base model: what a run uses while no adapter is chosen. */
    LanguageModel base();

    /**
     * The model with the adapter {@code adapter} (a registered name, never {@code base}), opened on
     * first use and kept for later runs.
     *
     * @throws InvalidInputException when no such adapter is registered or the model cannot take it
     */
    LanguageModel withAdapter(String adapter);

    /**
     * Checks, without loading anything, that {@code adapter} can be used: called for every adapter
     * a pipeline names before its run starts, so that a typo stops the run before any model call.
     *
     * @throws InvalidInputException naming the adapter and what there is instead
     */
    void require(String adapter);

    /** Checks every adapter {@code pipeline} names ({@link #require}), each message led by where it is written. */
    default void check(Pipeline pipeline) {
        check(pipeline, this::require);
    }

    /**
     * Checks every adapter {@code pipeline} names with {@code require} (e.g. against a registry,
     * with no model open), each message led by where the adapter is written.
     */
    static void check(Pipeline pipeline, Consumer<String> require) {
        for (AdapterChoice choice : pipeline.adapterChoices()) {
            if (!choice.base()) {
                try {
                    require.accept(choice.name());
                } catch (InvalidInputException e) {
                    throw new InvalidInputException(
                            (choice.at().equals(Position.NONE) ? "" : choice.at() + ": ") + e.getMessage());
                }
            }
        }
    }

    /** {@code model} as the adapter models it offers: itself if it implements this interface, else the base alone. */
    static AdapterModels of(LanguageModel model) {
        Objects.requireNonNull(model, "model");
        if (model instanceof AdapterModels a) {
            return a;
        }
        return new AdapterModels() {
            @Override
            public LanguageModel base() {
                return model;
            }

            @Override
            public LanguageModel withAdapter(String adapter) {
                require(adapter);
                return model;
            }

            @Override
            public void require(String adapter) {
                throw new InvalidInputException("The model " + model.name() + " takes no LoRA adapter, so the"
                        + " adapter '" + adapter + "' cannot be used on it.");
            }
        };
    }
}
