package dev.noesis.embeddings;

import dev.noesis.core.embedding.Embedder;
import dev.noesis.testing.EmbedderContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedder contract for a full-precision model, which runs texts in padded batches sorted by
 * length: batches of 3, so that the contract's texts span several batches and come back in order.
 */
class PaddedBatchEmbedderContractTest extends EmbedderContract {

    @TempDir
    static Path cache;

    private static DjlEmbedder embedder;

    @BeforeAll
    static void open() {
        embedder = Embedders.open(BundledModel.ALL_MINILM_L6_V2.modelName(), cache, new DjlEmbedder.Settings(2, 3));
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Override
    protected Embedder embedder() {
        return embedder;
    }
}
