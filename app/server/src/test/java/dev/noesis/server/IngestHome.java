package dev.noesis.server;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A {@link NoesisHome} with an allowed ingest root holding two small files and a link to a folder
 * outside it, and that outside folder (named by {@code ingest-test.outside}).
 */
public final class IngestHome implements QuarkusTestResourceLifecycleManager {

    private final NoesisHome home = new NoesisHome();

    @Override
    public Map<String, String> start() {
        Map<String, String> settings = home.start();
        try {
            Path root = Files.createTempDirectory("noesis-ingest-root");
            Path outside = Files.createTempDirectory("noesis-ingest-outside");
            Files.createDirectories(root.resolve("docs"));
            Files.writeString(root.resolve("docs/glaciers.md"), """
                    # Glaciers
                    Glaciers carve U-shaped valleys as the ice grinds the bedrock below.
                    """);
            Files.writeString(root.resolve("docs/tides.md"), """
                    # Tides
                    Spring tides follow the alignment of the sun and the moon.
                    """);
            Files.writeString(outside.resolve("secret.md"), "The outside file must never be read.\n");
            Files.createSymbolicLink(root.resolve("escape"), outside);
            System.setProperty(IngestRoots.SETTING, root.toString());
            System.setProperty("ingest-test.outside", outside.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return settings;
    }

    @Override
    public void stop() {
        System.clearProperty(IngestRoots.SETTING);
        System.clearProperty("ingest-test.outside");
        home.stop();
    }
}
