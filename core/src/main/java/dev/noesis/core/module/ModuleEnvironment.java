package dev.noesis.core.module;

import dev.noesis.core.memory.Memory;
import dev.noesis.core.retrieval.Retriever;
import java.util.Optional;

/**
 * What a module may use besides the model: prompt templates, the document index and long-term
 * memory, always through their ports. Wired by the application, which opens the index and memory
 * only when a module first asks for them (a pipeline without a retriever never starts Neo4j).
 */
public interface ModuleEnvironment {

    /** The prompt templates, with the user's overrides applied. */
    Templates templates();

    /** The document index; empty when there is none (nothing ingested, or not wired in this environment). */
    default Optional<Retriever> documents() {
        return Optional.empty();
    }

    /** Long-term memory; empty when it is not wired in this environment. */
    default Optional<Memory> memory() {
        return Optional.empty();
    }
}
