package dev.noesis.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.Remedy;
import dev.noesis.core.memory.Episode;
import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.MemoryStatement;
import dev.noesis.core.memory.NodeKind;
import dev.noesis.core.memory.Provenance;
import dev.noesis.core.memory.RecallOptions;
import dev.noesis.core.memory.RecallResult;
import dev.noesis.core.memory.Relation;
import dev.noesis.core.memory.WriteReport;
import dev.noesis.memory.importer.FactSink;
import dev.noesis.memory.testing.TestNeo4j;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private long count(String cypher) {
        return memory.graph().query(cypher, Map.of()).get(0).get(0).asLong();
    }

    private static List<String> lines(RecallResult r) {
        return r.statements().stream().map(MemoryStatement::render).toList();
    }

    @Test
    void remembersFactsAndRecallsThemWithTheirSource() {
        WriteReport report = memory.remember(List.of(
                Fact.of("Marie Curie", "field of work", "radioactivity", SRC).nonExclusive(),
                Fact.of("Marie Curie", "award received", "Nobel Prize in Physics", SRC)
                        .nonExclusive(),
                Fact.of("Pierre Curie", "spouse", "Marie Curie", SRC)));

        assertThat(report).isEqualTo(new WriteReport(4, 3, 0, 0, 0));
        RecallResult r = memory.recall("Who was Marie Curie?", RecallOptions.DEFAULTS);
        assertThat(r.nodes().get(0).name()).isEqualTo("Marie Curie");
        assertThat(r.nodes().get(0).activation()).isEqualTo(1.0);
        assertThat(lines(r))
                .contains(
                        "Marie Curie | field of work | radioactivity  [test:doc-1]",
                        "Pierre Curie | spouse | Marie Curie  [test:doc-1]");
        assertThat(r.render()).startsWith("- ");
        // Every node has a path back to a seed, made of edges in the result.
        for (var node : r.nodes()) {
            var path = r.pathTo(node.id()).orElseThrow();
            assertThat(r.node(path.seed())).isPresent();
            if (!path.edges().isEmpty()) {
                assertThat(path.edges().get(path.edges().size() - 1).to().equals(node.id())
                                || path.edges()
                                        .get(path.edges().size() - 1)
                                        .from()
                                        .equals(node.id()))
                        .isTrue();
            }
        }
        // Provenance: each fact derives from its source node.
        assertThat(count("MATCH (:Fact)-[:DERIVED_FROM]->(:Source {uri: 'test:doc-1'}) RETURN count(*)"))
                .isEqualTo(3);
    }

    @Test
    void writingTheSameFactsAgainChangesNothing() {
        List<Fact> facts =
                List.of(Fact.of("Ada Lovelace", "notable work", "Note G", SRC).nonExclusive());
        memory.remember(facts);
        WriteReport again = memory.remember(facts);

        assertThat(again).isEqualTo(new WriteReport(0, 0, 1, 0, 0));
        assertThat(count("MATCH (f:Fact) RETURN count(f)")).isEqualTo(1);
        assertThat(count("MATCH (c:Concept) RETURN count(c)")).isEqualTo(2);
        assertThat(count("MATCH ()-[r:RELATED_TO]->() RETURN count(r)")).isEqualTo(1);
        // Same names in other spellings are the same concepts.
        memory.remember(
                List.of(Fact.of("ADA  LOVELACE", "Notable work", "note g", SRC).nonExclusive()));
        assertThat(count("MATCH (f:Fact) RETURN count(f)")).isEqualTo(1);
    }

    @Test
    void aContradictingFactClosesTheCurrentOneAndLinksToIt() throws InterruptedException {
        Instant t1 = Instant.parse("2020-01-01T00:00:00Z");
        Instant t2 = Instant.parse("2023-06-01T00:00:00Z");
        memory.remember(List.of(Fact.of("Alice", "lives in", "Paris", SRC).withValidFrom(t1)));
        WriteReport moved = memory.remember(
                List.of(Fact.of("Alice", "lives in", "Berlin", SRC).withValidFrom(t2)));

        assertThat(moved.factsSuperseded()).isEqualTo(1);
        assertThat(count("MATCH (:Fact {object: 'Berlin'})-[:SUPERSEDES]->(:Fact {object: 'Paris'}) RETURN count(*)"))
                .isEqualTo(1);
        assertThat(
                        count(
                                "MATCH (f:Fact {object: 'Paris'}) WHERE f.validTo = datetime('2023-06-01T00:00:00Z') RETURN count(f)"))
                .isEqualTo(1);
        assertThat(count("MATCH (f:Fact) RETURN count(f)"))
                .as("nothing deleted")
                .isEqualTo(2);

        List<String> now = lines(memory.recall("Where does Alice live?", RecallOptions.DEFAULTS));
        assertThat(now).anyMatch(l -> l.startsWith("Alice | lives in | Berlin")).noneMatch(l -> l.contains("Paris"));
        List<String> then = lines(memory.recall(
                "Where does Alice live?", RecallOptions.DEFAULTS.withAsOf(Instant.parse("2021-01-01T00:00:00Z"))));
        assertThat(then).anyMatch(l -> l.startsWith("Alice | lives in | Paris")).noneMatch(l -> l.contains("Berlin"));

        // The same source repeating the old fact changes nothing; a new source asserting it makes a
        // new version, so the history stays readable.
        assertThat(memory.remember(List.of(Fact.of("Alice", "lives in", "Paris", SRC)))
                        .factsConfirmed())
                .isEqualTo(1);
        assertThat(count("MATCH (f:Fact {object: 'Paris'}) RETURN count(f)")).isEqualTo(1);
        memory.remember(List.of(Fact.of("Alice", "lives in", "Paris", Provenance.of("test:doc-2"))));
        assertThat(count("MATCH (f:Fact {object: 'Paris'}) RETURN count(f)")).isEqualTo(2);
        assertThat(count("MATCH (f:Fact) WHERE f.validTo IS NULL RETURN count(f)"))
                .isEqualTo(1);
    }

    @Test
    void factsOfManyValuesDoNotSupersedeAndLaterFactsInABatchWin() {
        memory.remember(List.of(
                Fact.of("Film X", "cast member", "Actor A", SRC).nonExclusive(),
                Fact.of("Film X", "cast member", "Actor B", SRC).nonExclusive(),
                Fact.of("Bob", "employer", "Acme", SRC),
                Fact.of("Bob", "employer", "Globex", SRC)));

        assertThat(count("MATCH (f:Fact {predicate: 'cast member'}) WHERE f.validTo IS NULL RETURN count(f)"))
                .isEqualTo(2);
        assertThat(count("MATCH (f:Fact {predicate: 'employer'}) WHERE f.validTo IS NULL RETURN count(f)"))
                .isEqualTo(1);
        assertThat(memory.graph()
                        .query(
                                "MATCH (f:Fact {predicate: 'employer'}) WHERE f.validTo IS NULL RETURN f.object",
                                Map.of())
                        .get(0)
                        .get(0)
                        .asString())
                .isEqualTo("Globex");
    }

    @Test
    void textThatLooksLikeCypherIsStoredLiterally() {
        String evil = "x'}) MATCH (n) DETACH DELETE n //";
        String evil2 = "MATCH (n) SET n.pwned = true RETURN n";
        memory.remember(List.of(
                Fact.of("keep", "is", "safe", SRC),
                Fact.of(evil, "$(type)", evil2, new Provenance("'); DROP INDEX memory_text; //", "${jndi:x}"))));

        assertThat(count("MATCH (c:Concept) RETURN count(c)")).isEqualTo(4);
        assertThat(count("MATCH (n) WHERE n.pwned IS NOT NULL RETURN count(n)")).isZero();
        var row = memory.graph()
                .query("MATCH (f:Fact {predicate: '$(type)'}) RETURN f.subject AS s, f.object AS o", Map.of())
                .get(0);
        assertThat(row.get("s").asString()).isEqualTo(evil);
        assertThat(row.get("o").asString()).isEqualTo(evil2);
        assertThat(count("MATCH (s:Source {uri: \"'); DROP INDEX memory_text; //\"}) RETURN count(s)"))
                .isEqualTo(1);
        // The cue goes to Lucene as plain words: query syntax in it is not an error.
        assertThat(memory.recall("x'}) MATCH (n) AND OR NOT \"* ~ ^ [1 TO 2]", RecallOptions.DEFAULTS)
                        .nodes())
                .isNotEmpty();
    }

    @Test
    void recallWorksBeforeAnythingIsEmbedded() {
        memory.writeFacts(List.of(Fact.of("Kepler", "discovered", "laws of planetary motion", SRC)));
        assertThat(count("MATCH (n) WHERE n.embedding IS NOT NULL RETURN count(n)"))
                .isZero();

        RecallResult r = memory.recall("planetary motion", RecallOptions.DEFAULTS);
        assertThat(lines(r)).anyMatch(l -> l.startsWith("Kepler | discovered | laws of planetary motion"));
    }

    @Test
    void relationFiltersAndDepthBoundTheExpansion() {
        memory.writeFacts(List.of(
                Fact.of("poodle", "is a", "dog", SRC).nonExclusive(),
                Fact.of("dog", "is a", "mammal", SRC).nonExclusive(),
                Fact.of("poodle", "origin", "Germany", SRC).nonExclusive()));

        RecallOptions isAOnly =
                RecallOptions.DEFAULTS.withRelations(Set.of(Relation.IS_A)).withSeeds(1);
        RecallResult r = memory.recall("poodle", isAOnly);
        assertThat(r.edges()).isNotEmpty().allMatch(e -> e.relation() == Relation.IS_A);
        assertThat(r.node("c:mammal")).isPresent();
        assertThat(r.pathTo("c:mammal").orElseThrow().hops()).isEqualTo(2);

        RecallResult shallow = memory.recall("poodle", isAOnly.withDepth(1));
        assertThat(shallow.node("c:dog")).isPresent();
        assertThat(shallow.node("c:mammal")).isEmpty();
    }

    @Test
    void whatManyRelevantNodesPointToRises() {
        // Three seeds point at "hub"; "lonely" hangs off one seed only.
        memory.writeFacts(List.of(
                Fact.of("red apple", "is a", "hub", SRC).nonExclusive(),
                Fact.of("green apple", "is a", "hub", SRC).nonExclusive(),
                Fact.of("apple pie", "is a", "hub", SRC).nonExclusive(),
                Fact.of("red apple", "is a", "lonely", SRC).nonExclusive()));

        RecallResult r = memory.recall("apple", RecallOptions.DEFAULTS.withRelations(Set.of(Relation.IS_A)));
        double hub = r.node("c:hub").orElseThrow().activation();
        double lonely = r.node("c:lonely").orElseThrow().activation();
        assertThat(hub).isGreaterThan(lonely);
    }

    @Test
    void anEpisodeIsRecordedWithItsFacts() {
        WriteReport w = memory.record(new Episode(
                "run-42",
                "What is the capital of France?",
                "Paris.",
                Instant.parse("2026-01-01T10:00:00Z"),
                List.of(Fact.of("France", "capital", "Paris", Provenance.of("run:run-42")))));

        assertThat(w.episodes()).isEqualTo(1);
        assertThat(w.factsCreated()).isEqualTo(1);
        assertThat(count("MATCH (:Fact)-[:DERIVED_FROM]->(:Episode {runId: 'run-42'}) RETURN count(*)"))
                .isEqualTo(1);
        assertThat(count("MATCH (:Episode {runId: 'run-42'})-[:MENTIONS]->(:Concept) RETURN count(*)"))
                .isEqualTo(2);
        RecallResult r = memory.recall("capital of France", RecallOptions.DEFAULTS);
        assertThat(r.nodes()).anyMatch(n -> n.kind() == NodeKind.EPISODE);
        assertThat(memory.record(new Episode(
                                "run-42",
                                "What is the capital of France?",
                                "Paris.",
                                Instant.parse("2026-01-01T10:00:00Z"),
                                List.of()))
                        .episodes())
                .isZero();
    }

    @Test
    void aNewNameCloseToAnExistingConceptJoinsIt() {
        memory.remember(List.of(Fact.of("Barack Obama", "position held", "President of the United States", SRC)));
        // Normalises differently ("obama barack"), but the same words: the vector index finds the concept,
        // for both spellings of that new name in the write.
        memory.remember(List.of(
                Fact.of("Obama, Barack", "spouse", "Michelle Obama", SRC),
                Fact.of("obama barack", "place of birth", "Honolulu", SRC)));

        assertThat(count("MATCH (c:Concept) WHERE c.normName IN ['barack obama', 'obama barack'] RETURN count(c)"))
                .isEqualTo(1);
        assertThat(count("MATCH (:Concept {id: 'c:barack obama'})-[:RELATED_TO {label: 'spouse'}]->() RETURN count(*)"))
                .isEqualTo(1);
        assertThat(
                        count(
                                "MATCH (:Concept {id: 'c:barack obama'})-[:RELATED_TO {label: 'place of birth'}]->() RETURN count(*)"))
                .isEqualTo(1);
    }

    @Test
    void pathSearchFollowsOnlyWhatIsBelievedNow() {
        memory.remember(List.of(Fact.of("whale", "is a", "fish", SRC), Fact.of("mammal", "is a", "animal", SRC)));
        memory.remember(List.of(Fact.of("whale", "is a", "mammal", SRC))); // exclusive: closes "whale is a fish"

        assertThat(memory.paths().isA("whale", "animal", 3))
                .hasValueSatisfying(p -> assertThat(p.names()).containsExactly("whale", "mammal", "animal"));
        assertThat(memory.paths().isA("whale", "fish", 3)).isEmpty();
    }

    @Test
    void signsAndSymbolsMakeDifferentConceptsAndFacts() {
        // Written in two calls, so that the second also meets the first through the vector index:
        // the hashing embedder sees no difference between C, C++ and C#.
        memory.remember(List.of(
                Fact.of("C", "designed by", "Dennis Ritchie", SRC),
                Fact.of("Freezer", "temperature celsius", "-18", SRC).nonExclusive()));
        WriteReport w = memory.remember(List.of(
                Fact.of("C++", "designed by", "Bjarne Stroustrup", SRC),
                Fact.of("C#", "designed by", "Anders Hejlsberg", SRC),
                Fact.of("Freezer", "temperature celsius", "18", SRC).nonExclusive()));

        assertThat(w.factsCreated()).isEqualTo(3);
        assertThat(w.factsConfirmed()).isZero();
        assertThat(w.factsSuperseded()).as("a C++ fact does not close a C fact").isZero();
        assertThat(count("MATCH (c:Concept) WHERE c.id IN ['c:c', 'c:c++', 'c:c#'] RETURN count(c)"))
                .isEqualTo(3);
        assertThat(count("MATCH (f:Fact {predicate: 'designed by'}) WHERE f.validTo IS NULL RETURN count(f)"))
                .isEqualTo(3);
        assertThat(count("MATCH (f:Fact {subject: 'Freezer'}) RETURN count(f)")).isEqualTo(2);
        assertThat(lines(memory.recall("C++", RecallOptions.DEFAULTS.withDepth(1))))
                .contains("C++ | designed by | Bjarne Stroustrup  [test:doc-1]");
    }

    @Test
    void inputIsBounded() {
        assertThatThrownBy(() -> memory.recall(" ", RecallOptions.DEFAULTS)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Fact.of("x".repeat(1001), "is", "long", SRC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1000 characters");
        assertThatThrownBy(() -> new dev.noesis.core.memory.Episode(
                        "r", "q", "a".repeat(100_001), java.time.Instant.now(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100000 characters");
        assertThatThrownBy(() -> new RecallOptions(10, 7, 16, 25, java.util.Optional.empty(), Set.of()))
                .hasMessageContaining("depth");
        List<Fact> tooMany = java.util.stream.IntStream.rangeClosed(0, FactSink.MAX_FACTS_PER_WRITE)
                .mapToObj(i -> Fact.of("n" + i, "is", "many", SRC))
                .toList();
        assertThatThrownBy(() -> memory.remember(tooMany))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.remedy().action()).isEqualTo(Remedy.Action.IMPORT_IN_BATCHES))
                .hasMessageContaining("10000 facts");
        assertThat(count("MATCH (f:Fact) RETURN count(f)")).isZero();
    }
}
