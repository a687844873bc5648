package dev.noesis.memory.embed;

import dev.noesis.core.embedding.Embedder;
import dev.noesis.testing.EmbedderContract;

/** The embedder contract for the hashing test embedder: by spelling, not meaning. */
class HashingEmbedderContractTest extends EmbedderContract {

    private static final HashingEmbedder EMBEDDER = new HashingEmbedder();

    @Override
    protected Embedder embedder() {
        return EMBEDDER;
    }

    @Override
    protected boolean semantic() {
        return false;
    }
}
