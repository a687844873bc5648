package dev.noesis.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.Provenance;
import dev.noesis.core.memory.RecallOptions;
import dev.noesis.core.memory.RecallResult;
import dev.noesis.memory.embed.HashingEmbedder;
import dev.noesis.memory.graph.BoltTarget;
import dev.noesis.memory.testing.TestNeo4j;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Transaction;

/**
 * Recall marks what it returns as used, but only as far as that costs the recall nothing: a write
 * that holds the same nodes (an import in another process) neither slows a recall nor keeps the
 * memory from closing.
 */
class BestEffortUsageTest {

    @Test
    void aRecallNeitherWaitsForNorFailsOnLockedNodes() throws Exception {
        try (Neo4jMemory clean = TestNeo4j.freshMemory()) {
            clean.remember(List.of(Fact.of("Rosalind Franklin", "known for", "Photo 51", Provenance.of("test:usage"))));
        }
        BoltTarget target = TestNeo4j.target();
        Neo4jMemory memory =
                Neo4jMemory.open(target, Optional.of(new HashingEmbedder()), new Neo4jMemory.Settings(0.95, true));
        try (Driver driver = GraphDatabase.driver(target.uri(), AuthTokens.basic(target.user(), target.password()));
                Session session = driver.session(SessionConfig.forDatabase(target.database()));
                Transaction importing = session.beginTransaction()) {
            // Another writer holds every node's lock and does not let go while the memory recalls and closes.
            importing
                    .run("MATCH (n) WHERE n:Concept OR n:Fact SET n.lockedBy = 'test'")
                    .consume();

            long started = System.nanoTime();
            RecallResult r = memory.recall("Rosalind Franklin", RecallOptions.DEFAULTS);
            assertThat(r.statements()).anySatisfy(s -> assertThat(s.object()).isEqualTo("Photo 51"));
            Thread.sleep(1_500); // the recorder's first flush meets the locks
            CompletableFuture<Void> closing = CompletableFuture.runAsync(memory::close);

            closing.get(UsageRecorder.WRITE_TIMEOUT.toSeconds() * 3 + 2, TimeUnit.SECONDS);
            assertThat((System.nanoTime() - started) / 1e9)
                    .as("seconds to recall and close")
                    .isLessThan(10);
            importing.rollback();
        }
    }
}
