package dev.noesis.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.Provenance;
import dev.noesis.core.memory.RecallOptions;
import dev.noesis.core.memory.RecallResult;
import dev.noesis.core.memory.WriteReport;
import dev.noesis.memory.testing.TestNeo4j;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The write path and recall, through the real local server. */
class Neo4jMemoryTest {

    private static final Provenance SRC = new Provenance("test:doc-1", "a test document");

    private Neo4jMemory memory;

    @BeforeEach
    void open() {
        memory = TestNeo4j.freshMemory();
    }

    @AfterEach
    void close() {
        memory.close();
    }

    @Test
    void remembersFactsAndRecallsThemWithTheirSource() {
        WriteReport report = memory.remember(List.of(
                Fact.of("Marie Curie", "field of work", "radioactivity", SRC).nonExclusive(),
                Fact.of("Marie Curie", "award received", "Nobel Prize in Physics", SRC).nonExclusive(),
                Fact.of("Pierre Curie", "spouse", "Marie Curie", SRC)));

        assertThat(report.factsCreated()).isEqualTo(3);
        assertThat(report.conceptsCreated()).isEqualTo(4);
        RecallResult r = memory.recall("Who was Marie Curie?", RecallOptions.DEFAULTS);
        System.out.println(r.render());
        assertThat(r.nodes()).isNotEmpty();
        assertThat(r.render()).contains("Marie Curie | field of work | radioactivity  [test:doc-1]");
    }
}
