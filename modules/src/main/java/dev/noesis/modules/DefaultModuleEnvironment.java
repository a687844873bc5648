package dev.noesis.modules;

import dev.noesis.core.memory.Memory;
import dev.noesis.core.module.ModuleEnvironment;
import dev.noesis.core.module.Templates;
import dev.noesis.core.retrieval.Retriever;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The environment built-in modules run in: the shipped templates (with the user's overrides), and
 * the document index and memory as the application supplies them. The suppliers are asked each
 * time a module needs one, so the application decides when to open them (once, on first use).
 */
public final class DefaultModuleEnvironment implements ModuleEnvironment {

    private final Templates templates;
    private final Supplier<Optional<Retriever>> documents;
    private final Supplier<Optional<Memory>> memory;

    public DefaultModuleEnvironment(
            Templates templates, Supplier<Optional<Retriever>> documents, Supplier<Optional<Memory>> memory) {
        this.templates = Objects.requireNonNull(templates, "templates");
        this.documents = Objects.requireNonNull(documents, "documents");
        this.memory = Objects.requireNonNull(memory, "memory");
    }

    /** Templates only: no document index, no memory. */
    public DefaultModuleEnvironment(Templates templates) {
        this(templates, Optional::empty, Optional::empty);
    }

    /** Shipped templates only. */
    public static DefaultModuleEnvironment shipped() {
        return new DefaultModuleEnvironment(new ResourceTemplates(Optional.empty()));
    }

    @Override
    public Templates templates() {
        return templates;
    }

    @Override
    public Optional<Retriever> documents() {
        return documents.get();
    }

    @Override
    public Optional<Memory> memory() {
        return memory.get();
    }
}
