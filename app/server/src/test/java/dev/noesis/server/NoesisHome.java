package dev.noesis.server;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Noesis home in a temporary folder for the server under test (the tiny demo model is written
 * there on start) and an API key file readable by its owner only. HOME is never touched.
 */
public final class NoesisHome implements QuarkusTestResourceLifecycleManager {

    /** The key the server under test requires. */
    public static final String KEY = "test-key-" + Long.toHexString(System.nanoTime());

    /** The user's pipeline in the test home. */
    public static final String USER_PIPELINE = "draft-then-search";

    private Path home;

    @Override
    public Map<String, String> start() {
        try {
            home = Files.createTempDirectory("noesis-server-test");
            // A pipeline of the user's: listed beside the built-in ones; it drafts (streamed), then fails, as there is
            // no document index, after its stream has begun.
            Files.createDirectories(home.resolve("pipelines"));
            Files.writeString(home.resolve("pipelines").resolve(USER_PIPELINE + ".yaml"), """
                    name: draft-then-search
                    description: Drafts an answer, then searches the documents (there are none here, so it fails).
                    steps:
                      - generator: { system: none, task: none }
                      - retriever: { k: 3, from: [index] }
                    """);
            Path keyFile = home.resolve("api-key");
            Files.writeString(keyFile, KEY + "\n");
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            // Noesis's settings are read by the wiring from system properties, not from Quarkus's configuration.
            System.setProperty("noesis.home", home.toString());
            System.setProperty("noesis.server.api-key-file", keyFile.toString());
            System.setProperty("noesis.server.queue", "4");
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        System.clearProperty("noesis.home");
        System.clearProperty("noesis.server.api-key-file");
        System.clearProperty("noesis.server.queue");
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
