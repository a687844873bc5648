package dev.noesis.wiring;

import dev.noesis.core.embedding.Embedder;
import dev.noesis.core.memory.Memory;
import dev.noesis.core.module.ModuleEnvironment;
import dev.noesis.core.module.Templates;
import dev.noesis.core.retrieval.Retriever;
import dev.noesis.lora.AdapterRegistry;
import dev.noesis.lora.CentroidCache;
import dev.noesis.lora.module.AdapterEnvironment;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The modules' environment with the adapter registry and a sentence embedder added, for the
 * {@code adapter-router} module. The embedder (the index's embedding model) is opened the first
 * time a router asks for it and closed with the composition; the adapters' centroids are kept
 * as long.
 */
final class AdapterModuleEnvironment implements ModuleEnvironment, AdapterEnvironment {

    private final ModuleEnvironment modules;
    private final AdapterRegistry adapters;
    private final Supplier<Optional<Embedder>> embedder;
    private final CentroidCache centroids = new CentroidCache(1024);

    AdapterModuleEnvironment(
            ModuleEnvironment modules, AdapterRegistry adapters, Supplier<Optional<Embedder>> embedder) {
        this.modules = modules;
        this.adapters = adapters;
        this.embedder = embedder;
    }

    @Override
    public Templates templates() {
        return modules.templates();
    }

    @Override
    public Optional<Retriever> documents() {
        return modules.documents();
    }

    @Override
    public Optional<Memory> memory() {
        return modules.memory();
    }

    @Override
    public AdapterRegistry adapters() {
        return adapters;
    }

    @Override
    public Optional<Embedder> embedder() {
        return embedder.get();
    }

    /** Kept for the composition's life: a pipeline read again (every run, every REST request) embeds no example again. */
    @Override
    public CentroidCache centroids() {
        return centroids;
    }
}
