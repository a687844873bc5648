package dev.noesis.wiring;

import dev.noesis.core.memory.Memory;
import dev.noesis.core.model.GenerationOverrides;
import dev.noesis.core.model.GenerationParams;
import java.util.function.UnaryOperator;

/**
 * Noesis put together from its configuration: the one place where the command line, the REST
 * server and the experiments get their models, documents, memory and module composition, so that
 * a new entry point never wires anything itself. Nothing here prints; notices go to the
 * {@link Notices} the entry point gives, and nothing is opened before it is asked for.
 */
public final class Wiring {

    private final NoesisConfig config;
    private final Notices notices;
    private final Models models;
    private final Documents documents;
    private final MemoryAccess memory;
    private final Experiments experiments;
    private final Adapters adapters;

    public Wiring(NoesisConfig config, Notices notices) {
        this.config = config;
        this.notices = notices;
        this.models = new Models(config, notices);
        this.documents = new Documents(config);
        this.memory = new MemoryAccess(config, documents, notices);
        this.experiments = new Experiments(config);
        this.adapters = new Adapters(config, models, documents);
    }

    public NoesisConfig config() {
        return config;
    }

    public Notices notices() {
        return notices;
    }

    public Models models() {
        return models;
    }

    public Documents documents() {
        return documents;
    }

    public MemoryAccess memory() {
        return memory;
    }

    public Experiments experiments() {
        return experiments;
    }

    /** LoRA adapters: the registry under the home, and their check against a base model. */
    public Adapters adapters() {
        return adapters;
    }

    /** The lab: synthetic worlds and the small models trained on them. */
    public Lab lab() {
        return new Lab(config, notices);
    }

    /**
     * A new composition of the modules over the index and memory (each opened when a module first
     * reads it); the caller closes it when its runs are done.
     */
    public Composition composition() {
        return new Composition(config, documents, memory);
    }

    /** {@link #composition()} whose modules see memory through {@code memoryView}. */
    public Composition composition(UnaryOperator<Memory> memoryView) {
        return new Composition(config, documents, memory, memoryView);
    }

    /** Generation settings for a run: the defaults, then configuration, then the request's own {@code overrides}. */
    public GenerationParams generation(GenerationOverrides overrides) {
        return overrides.over(config.generation().overrides().over(GenerationParams.DEFAULTS));
    }
}
