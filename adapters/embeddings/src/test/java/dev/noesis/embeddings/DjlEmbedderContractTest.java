package dev.noesis.embeddings;

import dev.noesis.core.embedding.Embedder;
import dev.noesis.testing.EmbedderContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The embedder contract for the default model (quantized: one text per forward pass), from its Maven artifact, offline. */
class DjlEmbedderContractTest extends EmbedderContract {

    @TempDir
    static Path cache;

    private static DjlEmbedder embedder;

    @BeforeAll
    static void open() {
        embedder = Embedders.open(BundledModel.DEFAULT.modelName(), cache, new DjlEmbedder.Settings(2, 4));
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
