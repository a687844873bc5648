package dev.noesis.memory.testing;

import dev.noesis.core.embedding.Embedder;
import dev.noesis.memory.Neo4jMemory;
import dev.noesis.memory.embed.HashingEmbedder;
import dev.noesis.memory.graph.BoltTarget;
import dev.noesis.memory.server.LocalNeo4j;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The real local Neo4j server for tests, started by the same launcher the application uses, once
 * per test run (JVM) and stopped when the run ends. It stops by itself if the test JVM dies.
 * Community Edition has one user database, so tests share it: {@link #freshMemory} empties it.
 */
public final class TestNeo4j {

    private static LocalNeo4j server;
    private static BoltTarget target;

    private TestNeo4j() {}

    /** The shared server's address and credentials, starting it on first use. */
    public static synchronized BoltTarget target() {
        if (target == null) {
            Path home = tempDir("noesis-test-neo4j");
            server = new LocalNeo4j(settings(home));
            LocalNeo4j.Running running =
                    server.ensureRunning(ProcessHandle.current().pid());
            target = server.target(running);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop(Duration.ofSeconds(30));
                deleteTree(home);
            }));
        }
        return target;
    }

    /** The shared server's launcher (reliability tests stop, kill and restart it). */
    public static synchronized LocalNeo4j server() {
        target();
        return server;
    }

    /** Starts the shared server again after a test stopped or killed it; returns its new address. */
    public static synchronized BoltTarget restart() {
        target();
        target = server.target(server.ensureRunning(ProcessHandle.current().pid()));
        return target;
    }

    /** Launcher settings for a server of its own in {@code home}: small heap and page cache. */
    public static LocalNeo4j.Settings settings(Path home) {
        return new LocalNeo4j.Settings(serverDir(), home, "384m", "32m", Duration.ofMinutes(3));
    }

    /** The shared database, emptied, with the given embedder. */
    public static Neo4jMemory freshMemory(Embedder embedder) {
        // Opened without an embedder to clear it: a test before may have left another model's vectors.
        try (Neo4jMemory memory = Neo4jMemory.open(target(), Optional.empty(), Neo4jMemory.Settings.DEFAULTS)) {
            memory.clear();
        }
        return Neo4jMemory.open(target(), Optional.of(embedder), new Neo4jMemory.Settings(0.95, false));
    }

    public static Neo4jMemory freshMemory() {
        return freshMemory(new HashingEmbedder());
    }

    /** The local server's files, built by memory/neo4j-local (the build passes their folder to tests). */
    public static Path serverDir() {
        String dir = System.getProperty("noesis.memory.server-dir");
        if (dir == null) {
            throw new IllegalStateException(
                    "Run the tests through Maven (it sets noesis.memory.server-dir), or set it to"
                            + " memory/neo4j-local/target/server.");
        }
        return Path.of(dir);
    }

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Temporary files; the OS cleans up the rest.
        }
    }
}
