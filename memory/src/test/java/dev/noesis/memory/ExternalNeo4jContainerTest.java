package dev.noesis.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.Provenance;
import dev.noesis.core.memory.RecallOptions;
import dev.noesis.memory.embed.HashingEmbedder;
import dev.noesis.memory.graph.BoltTarget;
import dev.noesis.memory.graph.MemorySchema;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.neo4j.Neo4jContainer;

/**
 * The same code against an external Neo4j (the official image, as docker-compose.yml runs it).
 * Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class ExternalNeo4jContainerTest {

    @Container
    static final Neo4jContainer NEO4J =
            new Neo4jContainer("neo4j:2026.08.1-community").withAdminPassword("noesis-test-password");

    @Test
    void memoryWorksOnAServerOverBolt() {
        BoltTarget target = new BoltTarget(NEO4J.getBoltUrl(), "neo4j", NEO4J.getAdminPassword(), "neo4j");
        try (Neo4jMemory memory = Neo4jMemory.open(target, new HashingEmbedder())) {
            memory.remember(
                    List.of(Fact.of("Rosalind Franklin", "known for", "Photo 51", Provenance.of("test:container"))));
            assertThat(memory.recall("Rosalind Franklin", RecallOptions.DEFAULTS)
                            .render())
                    .contains("Rosalind Franklin | known for | Photo 51  [test:container]");
            assertThat(memory.stats().schemaVersion()).isEqualTo(MemorySchema.VERSION);
        }
    }
}
