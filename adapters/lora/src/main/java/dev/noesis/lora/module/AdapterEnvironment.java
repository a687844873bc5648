package dev.noesis.lora.module;

import dev.noesis.core.embedding.Embedder;
import dev.noesis.lora.AdapterRegistry;
import java.util.Optional;

/**
 * What the {@code adapter-router} module needs besides the ports every module gets: the
 * registry of adapters and, for the embedding strategy, a sentence embedder. The application's
 * {@link dev.noesis.core.module.ModuleEnvironment} implements it where adapters are wired.
 */
public interface AdapterEnvironment {

    AdapterRegistry adapters();

    /** The sentence embedder for the embedding strategy; empty where none is wired. */
    Optional<Embedder> embedder();
}
