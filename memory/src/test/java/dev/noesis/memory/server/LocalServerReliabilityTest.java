package dev.noesis.memory.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.BackendException;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.Provenance;
import dev.noesis.core.memory.RecallOptions;
import dev.noesis.memory.Neo4jMemory;
import dev.noesis.memory.graph.BoltTarget;
import dev.noesis.memory.graph.Graph;
import dev.noesis.memory.testing.TestNeo4j;
import dev.noesis.memory.write.ConceptRow;
import dev.noesis.memory.write.GraphWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local server's life: started once and reused, a password only its owner reads, a clean stop
 * that keeps everything, and a kill in the middle of a batch that leaves no part of it. Runs on the
 * shared test server, which it stops, kills and restarts.
 */
class LocalServerReliabilityTest {

    private static final Provenance SRC = Provenance.of("test:reliability");

    @Test
    void theServerIsReusedAndItsPasswordIsPrivate() throws IOException {
        LocalNeo4j server = TestNeo4j.server();
        LocalNeo4j.Running first = server.status().orElseThrow();

        assertThat(server.ensureRunning()).isEqualTo(first);
        assertThat(new LocalNeo4j(server.settings()).status()).contains(first);
        Path password = server.home().resolve("password");
        assertThat(Files.getPosixFilePermissions(password)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(server.home()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(TestNeo4j.target().toString()).doesNotContain(server.password());
        assertThat(TestNeo4j.target().uri()).startsWith("bolt://127.0.0.1:");
    }

    @Test
    void theServerWritesOnlyIntoItsOwnFolder() throws IOException {
        LocalNeo4j server = TestNeo4j.server();
        long pid = server.status().orElseThrow().pid();
        Path proc = Path.of("/proc", Long.toString(pid));
        if (!Files.isDirectory(proc)) {
            return; // no /proc on this system: nothing to read the process from
        }
        assertThat(proc.resolve("cwd").toRealPath()).isEqualTo(server.home().toRealPath());
        List<String> args = List.of(new String(Files.readAllBytes(proc.resolve("cmdline"))).split("\0"));
        Path tmp = server.home().resolve("tmp");
        assertThat(args)
                .contains("-Djna.tmpdir=" + tmp, "-Djava.io.tmpdir=" + tmp)
                .anyMatch(a -> a.startsWith("-XX:ErrorFile=" + server.home()));
        assertThat(tmp).isDirectory();
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessageSayingWhatToCheck() {
        BoltTarget t = TestNeo4j.target();
        assertThatThrownBy(() -> Graph.connect(new BoltTarget(t.uri(), t.user(), "not-the-password", t.database())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("noesis.memory.password");
    }

    @Test
    void stoppingAndStartingAgainKeepsAllMemory() {
        try (Neo4jMemory memory = TestNeo4j.freshMemory()) {
            memory.remember(List.of(Fact.of("Hypatia", "occupation", "astronomer", SRC)));
        }
        LocalNeo4j server = TestNeo4j.server();
        long pid = server.status().orElseThrow().pid();

        assertThat(server.stop(Duration.ofSeconds(60))).isTrue();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        assertThat(server.status()).isEmpty();
        assertThat(server.stateFile()).doesNotExist();

        BoltTarget again = TestNeo4j.restart();
        try (Neo4jMemory memory = Neo4jMemory.open(again, new dev.noesis.memory.embed.HashingEmbedder())) {
            assertThat(memory.recall("Hypatia", RecallOptions.DEFAULTS).render())
                    .contains("Hypatia | occupation | astronomer");
            assertThat(memory.stats().embedded()).as("vectors survive too").isEqualTo(3);
        }
    }

    @Test
    void killingTheServerInTheMiddleOfABatchLeavesNoPartOfItAndARetryCompletes() throws Exception {
        try (Neo4jMemory memory = TestNeo4j.freshMemory()) {
            memory.writeFacts(List.of(Fact.of("before", "the", "batch", SRC)));
        }
        List<ConceptRow> firstHalf = new ArrayList<>();
        List<ConceptRow> secondHalf = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            (i < 2000 ? firstHalf : secondHalf).add(ConceptRow.entity("batch concept " + i, "test:batch"));
        }
        CountDownLatch halfWritten = new CountDownLatch(1);
        CountDownLatch killed = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        Graph graph = Graph.connect(TestNeo4j.target());
        // One batch, one transaction: the first half is written (not committed) when the server dies.
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<Object> batch = writer.submit(() -> graph.write(tx -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            GraphWriter.upsertConcepts(tx, firstHalf, now);
            if (attempts.incrementAndGet() == 1) {
                halfWritten.countDown();
                await(killed);
            }
            GraphWriter.upsertConcepts(tx, secondHalf, now);
            return null;
        }));
        assertThat(halfWritten.await(2, TimeUnit.MINUTES)).isTrue();
        TestNeo4j.server().kill();
        killed.countDown();

        assertThatThrownBy(() -> batch.get(3, TimeUnit.MINUTES)).hasCauseInstanceOf(BackendException.class);
        writer.shutdown();
        graph.close();
        BoltTarget restarted = TestNeo4j.restart();
        try (Graph after = Graph.connect(restarted)) {
            assertThat(count(after, "MATCH (c:Concept) WHERE c.source = 'test:batch' RETURN count(c)"))
                    .isZero();
            assertThat(count(after, "MATCH (c:Concept {name: 'before'}) RETURN count(c)"))
                    .as("committed before the kill")
                    .isEqualTo(1);

            after.write(tx -> {
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                GraphWriter.upsertConcepts(tx, firstHalf, now);
                return GraphWriter.upsertConcepts(tx, secondHalf, now);
            });
            assertThat(count(after, "MATCH (c:Concept) WHERE c.source = 'test:batch' RETURN count(c)"))
                    .isEqualTo(4000);
        }
    }

    @Test
    void aStaleStateFileIsIgnoredAndMissingServerFilesAreExplained(@TempDir Path home) throws IOException {
        Files.writeString(home.resolve("server.json"), "{\"pid\": 2147483000, \"port\": 1}");
        LocalNeo4j stale = new LocalNeo4j(TestNeo4j.settings(home));
        assertThat(stale.status()).isEmpty();
        assertThat(home.resolve("server.json")).doesNotExist();

        LocalNeo4j noFiles = new LocalNeo4j(
                new LocalNeo4j.Settings(home.resolve("nowhere"), home, "256m", "16m", Duration.ofSeconds(5)));
        assertThatThrownBy(noFiles::ensureRunning)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("./build package");
        assertThatThrownBy(() -> new LocalNeo4j.Settings(home, home, "lots", "16m", Duration.ofSeconds(5)))
                .hasMessageContaining("512m");
    }

    private static long count(Graph graph, String cypher) {
        return graph.query(cypher, Map.of()).get(0).get(0).asLong();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
