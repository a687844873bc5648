package dev.noesis.lora.module;

import dev.noesis.core.embedding.Embedder;
import dev.noesis.lora.AdapterRegistry;
import dev.noesis.lora.CentroidCache;
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

    /**
     * Where routers keep their adapters' centroids between readings of a pipeline; by default
     * nowhere (each router embeds its adapters' examples when it is made).
     */
    default CentroidCache centroids() {
        return CentroidCache.none();
    }
}
