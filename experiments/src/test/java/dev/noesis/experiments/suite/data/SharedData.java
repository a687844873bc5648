package dev.noesis.experiments.suite.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The evaluation data beside the repository: tests run in the module folder, so it is
 * {@code ../../shared/data}. It must be there (CI has it); a test that cannot find it fails.
 */
public final class SharedData {

    private SharedData() {}

    public static Path root() {
        Path root = Path.of("").toAbsolutePath().resolve("../../shared/data").normalize();
        assertThat(Files.isDirectory(root))
                .as("the evaluation data folder %s (../shared/data beside the repository) must exist", root)
                .isTrue();
        return root;
    }
}
