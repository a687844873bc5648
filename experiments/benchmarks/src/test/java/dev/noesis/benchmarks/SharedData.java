package dev.noesis.benchmarks;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared evaluation data beside the repository (../shared/data), which tests skip without. */
public final class SharedData {

    private SharedData() {}

    /** The data folder: the build's {@code noesis-tests.shared-data}, else ../shared/data from the working folder. */
    public static Path root() {
        String configured = System.getProperty("noesis-tests.shared-data");
        return configured != null ? Path.of(configured) : Path.of("..", "shared", "data");
    }

    /** The BEIR SciFact folder; skips the calling test, saying why, when it is absent. */
    public static Path sciFact() {
        Path dir = root().resolve("beir-scifact");
        assumeTrue(
                Files.isRegularFile(dir.resolve("corpus.jsonl")),
                "skipped: the BEIR SciFact data is not at "
                        + dir.toAbsolutePath().normalize()
                        + " (put the shared data folder beside the repository as ../shared/data)");
        return dir;
    }
}
