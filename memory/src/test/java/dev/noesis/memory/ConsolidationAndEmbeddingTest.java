package dev.noesis.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.embedding.Embedder;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.Remedy;
import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.Provenance;
import dev.noesis.core.memory.RecallOptions;
import dev.noesis.memory.consolidate.ConsolidationOptions;
import dev.noesis.memory.consolidate.ConsolidationReport;
import dev.noesis.memory.embed.EmbeddingStage;
import dev.noesis.memory.embed.HashingEmbedder;
import dev.noesis.memory.graph.MemorySchema;
import dev.noesis.memory.testing.TestNeo4j;
import dev.noesis.memory.write.ConceptRow;
import dev.noesis.memory.write.GraphWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedding stage, the schema's embedder check, and consolidation, through the real server. */
class ConsolidationAndEmbeddingTest {

    private static final Provenance SRC = Provenance.of("test:consolidation");

    private Neo4jMemory memory;

    @BeforeEach
    void open() {
        memory = TestNeo4j.freshMemory();
    }

    @AfterEach
    void close() {
        memory.close();
    }

    private long count(String cypher) {
        return memory.graph().query(cypher, Map.of()).get(0).get(0).asLong();
    }

    @Test
    void theEmbeddingStageResumesWhereAnInterruptedRunStopped() {
        List<Fact> facts = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            facts.add(Fact.of("item " + i, "has colour", "colour " + i, SRC).nonExclusive());
        }
        memory.writeFacts(facts);
        EmbeddingStage stage = memory.embeddingStage(10).orElseThrow();
        long pending = stage.pending();
        assertThat(pending).isEqualTo(60 + 30);

        Embedder failsOnThirdBatch = new FailingEmbedder(new HashingEmbedder(), 2);
        assertThatThrownBy(() -> new EmbeddingStage(memory.graph(), failsOnThirdBatch, 10).run((d, t) -> {}))
                .hasMessageContaining("interrupted");
        assertThat(stage.pending()).isEqualTo(pending - 20);

        EmbeddingStage.Report rest = stage.run((d, t) -> {});
        assertThat(rest.embedded()).isEqualTo(pending - 20);
        assertThat(stage.pending()).isZero();
        assertThat(stage.run((d, t) -> {}).embedded()).isZero();
        assertThat(memory.stats().embedder()).contains("hashed-trigrams-384");
    }

    @Test
    void aGraphEmbeddedByOneModelRefusesAnotherUntilReset() {
        memory.remember(List.of(Fact.of("a", "b", "c", SRC)));
        Embedder other = new HashingEmbedder(64);

        assertThatThrownBy(() -> Neo4jMemory.open(TestNeo4j.target(), other))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.remedy().action()).isEqualTo(Remedy.Action.REEMBED_MEMORY))
                .hasMessageContaining("vectors of two models cannot be compared");
        try (Neo4jMemory raw = Neo4jMemory.open(TestNeo4j.target(), Optional.empty(), Neo4jMemory.Settings.DEFAULTS)) {
            raw.resetVectors(other);
        }
        try (Neo4jMemory reopened = Neo4jMemory.open(TestNeo4j.target(), other)) {
            EmbeddingStage.Report r = reopened.embeddingStage(100).orElseThrow().run((d, t) -> {});
            assertThat(r.embedded()).isEqualTo(3);
            assertThat(reopened.recall("a b c", RecallOptions.DEFAULTS).nodes()).isNotEmpty();
        }
    }

    @Test
    void theSchemaIsCreatedOnceWithItsVersion() {
        MemorySchema.ensure(memory.graph(), "hashed-trigrams-384", 384);
        MemorySchema.ensure(memory.graph(), "hashed-trigrams-384", 384);

        assertThat(MemorySchema.state(memory.graph()).version()).isEqualTo(MemorySchema.VERSION);
        List<String> indexes = memory.graph().query("SHOW INDEXES YIELD name RETURN name", Map.of()).stream()
                .map(r -> r.get(0).asString())
                .toList();
        assertThat(indexes)
                .contains(
                        "concept_id",
                        "fact_id",
                        MemorySchema.FULLTEXT_INDEX,
                        MemorySchema.CONCEPT_VECTOR_INDEX,
                        MemorySchema.FACT_VECTOR_INDEX);
        assertThatThrownBy(
                        () -> memory.graph().execute("CREATE (:Concept {id: 'dup'}), (:Concept {id: 'dup'})", Map.of()))
                .hasMessageContaining("already exists");
    }

    @Test
    void consolidationMergesDuplicatesDecaysAndArchivesWithoutDeleting() {
        // Written without the write path's deduplication, as an import would: two spellings of one person.
        memory.writeFacts(List.of(
                Fact.of("Grace Hopper", "employer", "US Navy", SRC).nonExclusive(),
                Fact.of("Hopper, Grace", "notable work", "COBOL", SRC).nonExclusive(),
                Fact.of("Alan Turing", "field", "computer science", SRC).nonExclusive()));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        memory.graph()
                .write(tx -> GraphWriter.upsertConcepts(
                        tx,
                        List.of(new ConceptRow(
                                "wn:n:00000001", "curated", ConceptRow.SYNSET, "curated", List.of(), "test")),
                        now));
        memory.embeddingStage(100).orElseThrow().run((d, t) -> {});
        long conceptsBefore = count("MATCH (c:Concept) RETURN count(c)");

        ConsolidationReport merged = memory.consolidate(ConsolidationOptions.DEFAULTS, Instant.now());

        assertThat(merged.merges()).singleElement().satisfies(m -> {
            assertThat(Set.of(m.kept(), m.removed())).containsExactlyInAnyOrder("c:grace hopper", "c:hopper grace");
            assertThat(m.reason()).startsWith("cosine");
            assertThat(merged.run()).isNotBlank();
        });
        // Archived, never deleted: the merged concept stays, linked to the one it joined.
        assertThat(count("MATCH (c:Concept) RETURN count(c)")).isEqualTo(conceptsBefore);
        assertThat(count("MATCH (c:Concept) WHERE NOT c:Archived RETURN count(c)"))
                .isEqualTo(conceptsBefore - 1);
        assertThat(count("MATCH (:Concept:Archived)-[:MERGED_INTO {run: '" + merged.run()
                        + "'}]->(:Concept) RETURN count(*)"))
                .isEqualTo(1);
        String kept = merged.merges().get(0).kept();
        assertThat(count("MATCH (c:Concept {id: '" + kept + "'})-[:RELATED_TO]->() RETURN count(*)"))
                .isEqualTo(2);
        assertThat(count("MATCH (f:Fact)-[:ABOUT]->(c:Concept {id: '" + kept
                        + "'}) WHERE f.subjectId = c.id RETURN count(f)"))
                .isEqualTo(2);
        assertThat(merged.archived()).isZero();

        // A year unused: salience halves 12 times and everything but the curated synset is archived.
        ConsolidationReport later =
                memory.consolidate(ConsolidationOptions.DEFAULTS, Instant.now().plus(Duration.ofDays(365)));
        assertThat(later.decayed()).isPositive();
        assertThat(later.archived()).isEqualTo(later.decayed());
        assertThat(count("MATCH (c:Concept {kind: 'synset'}) WHERE NOT c:Archived RETURN count(c)"))
                .isEqualTo(1);
        assertThat(count("MATCH (n:Archived) RETURN count(n)"))
                .as("and the concept merged before")
                .isEqualTo(later.archived() + 1);
        assertThat(memory.recall("Grace Hopper COBOL", RecallOptions.DEFAULTS).statements())
                .isEmpty();
        // Archived, not deleted: writing a fact again brings it and its concepts back, fresh enough to stay.
        memory.writeFacts(
                List.of(Fact.of("Alan Turing", "field", "computer science", SRC).nonExclusive()));
        assertThat(count("MATCH (c:Concept {id: 'c:alan turing'}) WHERE NOT c:Archived RETURN count(c)"))
                .isEqualTo(1);
        assertThat(count("MATCH (f:Fact {subject: 'Alan Turing'}) WHERE NOT f:Archived RETURN count(f)"))
                .isEqualTo(1);
        assertThat(memory.recall("Alan Turing", RecallOptions.DEFAULTS).statements())
                .anySatisfy(st -> assertThat(st.object()).isEqualTo("computer science"));
        assertThat(memory.consolidate(ConsolidationOptions.DEFAULTS, Instant.now())
                        .archived())
                .isZero();
    }

    /** Embeds {@code batches} batches, then fails as an interrupted run would. */
    private static final class FailingEmbedder implements Embedder {
        private final Embedder inner;
        private int left;

        FailingEmbedder(Embedder inner, int batches) {
            this.inner = inner;
            this.left = batches;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public int dimensions() {
            return inner.dimensions();
        }

        @Override
        public List<float[]> embedDocuments(List<String> texts) {
            if (left-- <= 0) {
                throw new IllegalStateException("interrupted");
            }
            return inner.embedDocuments(texts);
        }

        @Override
        public float[] embedQuery(String text) {
            return inner.embedQuery(text);
        }
    }
}
