package dev.noesis.wiring;

import dev.noesis.core.embedding.Embedder;
import dev.noesis.core.memory.Memory;
import dev.noesis.core.retrieval.Retriever;
import dev.noesis.lora.AdapterRegistry;
import dev.noesis.modules.DefaultModuleEnvironment;
import dev.noesis.modules.ResourceTemplates;
import dev.noesis.orchestrator.pipeline.ModuleRegistry;
import dev.noesis.orchestrator.pipeline.Pipelines;
import java.nio.file.Files;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Wires the thinking modules for the application: their environment (templates with the user's
 * overrides, the document index, memory), the module registry, and the pipeline catalog with the
 * user's pipelines folder. The index and memory are opened when a module first asks for them and
 * closed with the composition, so listing pipelines or running {@code raw} starts nothing.
 */
public final class Composition implements AutoCloseable {

    private final ModuleRegistry registry;
    private final Pipelines pipelines;
    private final OnFirstUse<Retriever> documents;
    private final OnFirstUse<Memory> memory;
    private final OnFirstUse<Embedder> embedder;

    public Composition(NoesisConfig config, Documents index, MemoryAccess memoryAccess) {
        this(config, index, memoryAccess, UnaryOperator.identity());
    }

    /**
     * @param memoryView what modules see of memory once it is opened (an experiment's view that keeps
     *                   one item's writes from the next, say); it closes the memory it is given
     */
    public Composition(
            NoesisConfig config, Documents index, MemoryAccess memoryAccess, UnaryOperator<Memory> memoryView) {
        var templates = new ResourceTemplates(Optional.of(config.templatesDir()).filter(Files::isDirectory));
        this.documents = new OnFirstUse<>(index::openRetriever);
        this.memory = new OnFirstUse<>(() -> Optional.of(memoryView.apply(memoryAccess.open())));
        this.embedder = new OnFirstUse<>(() -> Optional.<Embedder>of(index.embedder(index.embeddingModel())));
        this.registry = ModuleRegistry.load(new AdapterModuleEnvironment(
                new DefaultModuleEnvironment(templates, documents, memory),
                new AdapterRegistry(config.home()),
                embedder));
        this.pipelines =
                new Pipelines(registry, Optional.of(config.pipelinesDir()).filter(Files::isDirectory));
    }

    public ModuleRegistry registry() {
        return registry;
    }

    public Pipelines pipelines() {
        return pipelines;
    }

    /** Closes the index, memory and the router's embedder if a module opened them. */
    @Override
    public void close() {
        try {
            documents.close();
        } finally {
            try {
                memory.close();
            } finally {
                embedder.close();
            }
        }
    }

    /** Opens a resource the first time it is asked for (from any thread), and closes it if it was opened. */
    private static final class OnFirstUse<T extends AutoCloseable> implements Supplier<Optional<T>> {
        private final Supplier<Optional<T>> open;
        private Optional<T> value;

        OnFirstUse(Supplier<Optional<T>> open) {
            this.open = open;
        }

        @Override
        public synchronized Optional<T> get() {
            if (value == null) {
                value = open.get();
            }
            return value;
        }

        synchronized void close() {
            if (value != null && value.isPresent()) {
                try {
                    value.get().close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing " + value.get() + " failed: " + e.getMessage(), e);
                }
            }
            value = null;
        }
    }
}
