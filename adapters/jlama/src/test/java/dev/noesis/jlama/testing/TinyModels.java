package dev.noesis.jlama.testing;

import dev.noesis.jlama.tiny.ModelShape;
import dev.noesis.jlama.tiny.TinyModelWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Tiny random-weight models for tests, written once per test JVM through the real writer and
 * loaded through the real Jlama path. Shared with other modules' tests through the test jar.
 */
public final class TinyModels {

    private static final Map<Long, Path> WRITTEN = new HashMap<>();
    private static Path root;

    private TinyModels() {}

    /** The tiny model with seed 7, the one most tests use. */
    public static Path standard() {
        return withSeed(7);
    }

    public static synchronized Path withSeed(long seed) {
        return WRITTEN.computeIfAbsent(
                seed, s -> new TinyModelWriter(ModelShape.TINY, s).write(root().resolve("tiny-" + s), b -> {}));
    }

    private static Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("noesis-test-models");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            root.toFile().deleteOnExit();
        }
        return root;
    }
}
