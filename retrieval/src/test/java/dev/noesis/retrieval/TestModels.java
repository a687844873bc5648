package dev.noesis.retrieval;

import dev.noesis.embeddings.BundledModel;
import dev.noesis.embeddings.DjlEmbedder;
import dev.noesis.embeddings.Embedders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real default embedding model for tests, extracted once per test JVM into a temporary folder. */
public final class TestModels {

    private static Path cache;

    private TestModels() {}

    /** Where bundled models are extracted for this JVM's tests (also handed to child processes). */
    public static synchronized Path cache() {
        if (cache == null) {
            try {
                cache = Files.createTempDirectory("noesis-test-models");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(cache)));
        }
        return cache;
    }

    /** The default model (bge-small-en-v1.5, quantized), two threads. */
    public static DjlEmbedder open() {
        return open(BundledModel.DEFAULT.modelName());
    }

    public static DjlEmbedder open(String model) {
        return Embedders.open(model, cache(), new DjlEmbedder.Settings(2, 16));
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder; the OS cleans up what is left
        }
    }
}
