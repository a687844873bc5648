package dev.noesis.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.Provenance;
import dev.noesis.core.memory.RecallOptions;
import dev.noesis.memory.consolidate.ConsolidationOptions;
import dev.noesis.memory.consolidate.ConsolidationReport;
import dev.noesis.memory.graph.Names;
import dev.noesis.memory.testing.TestNeo4j;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Consolidation's merge rule, with a similarity threshold low enough that the hashing embedder
 * proposes every look-alike pair: names that differ in a number, version, ordinal or sign never
 * merge, true duplicates do, merges do not chain, and every merge can be seen before and undone after.
 */
class ConsolidationMergeRuleTest {

    private static final Provenance SRC = Provenance.of("test:merge-rule");

    /** Pairs of names the hashing embedder finds 0.70 to 0.94 alike, each pair distinct things. */
    private static final List<String> LOOK_ALIKES = List.of(
            "Entity7",
            "Entity77",
            "Entity777",
            "Entity72",
            "Entity2092",
            "Python 3.11",
            "Python 3.12",
            "World War I",
            "World War II",
            "First Vatican Council",
            "Second Vatican Council",
            "Boeing 737",
            "Boeing 747",
            "Freezer -18",
            "Freezer 18");

    private static final ConsolidationOptions LOW_THRESHOLD =
            new ConsolidationOptions(Duration.ofDays(30), 0.05, 0.6, 5, Set.of("synset"));

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
    void onlyTrueDuplicatesMergeWithoutChainsVisiblyAndReversibly() {
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < LOOK_ALIKES.size(); i++) {
            facts.add(Fact.of(LOOK_ALIKES.get(i), "tested as", "Case" + i, SRC).nonExclusive());
        }
        facts.add(Fact.of("Grace Hopper", "developed", "COBOL", SRC).nonExclusive());
        memory.writeFacts(facts);
        // Written later, so that the first spelling is the one kept.
        memory.writeFacts(
                List.of(Fact.of("Hopper, Grace", "rank", "Rear Admiral", SRC).nonExclusive()));
        // A chain: each name 0.67 alike to the next, the ends 0.39 alike.
        for (String name : List.of("alpha beta gamma", "beta gamma delta", "gamma delta epsilon")) {
            memory.writeFacts(List.of(
                    Fact.of(name, "tested as", "Chain " + name.length(), SRC).nonExclusive()));
        }
        memory.embeddingStage(100).orElseThrow().run((d, t) -> {});
        long concepts = count("MATCH (c:Concept) RETURN count(c)");

        ConsolidationReport plan = memory.planConsolidation(LOW_THRESHOLD, Instant.now());

        assertThat(plan.dryRun()).isTrue();
        assertThat(plan.merges())
                .extracting(m -> m.removed() + " -> " + m.kept())
                .containsExactlyInAnyOrder(
                        "c:hopper grace -> c:grace hopper", "c:beta gamma delta -> c:alpha beta gamma");
        assertThat(count("MATCH (n:Archived) RETURN count(n)"))
                .as("a dry run writes nothing")
                .isZero();
        assertThat(count("MATCH ()-[m:MERGED_INTO]->() RETURN count(m)")).isZero();

        ConsolidationReport run = memory.consolidate(LOW_THRESHOLD, Instant.now());

        assertThat(run.merges()).isEqualTo(plan.merges());
        assertThat(count("MATCH (c:Concept) RETURN count(c)"))
                .as("nothing deleted")
                .isEqualTo(concepts);
        assertThat(count("MATCH (c:Concept:Archived)-[:MERGED_INTO {run: '" + run.run()
                        + "'}]->(:Concept) RETURN count(c)"))
                .isEqualTo(2);
        assertThat(count("MATCH (c:Concept {id: 'c:gamma delta epsilon'}) WHERE NOT c:Archived RETURN count(c)"))
                .as("not merged through the middle of the chain")
                .isEqualTo(1);
        for (String name : LOOK_ALIKES) {
            assertThat(count("MATCH (c:Concept {id: '" + Names.conceptId(name) + "'}) WHERE NOT c:Archived"
                            + " AND EXISTS { (c)-[:RELATED_TO]->() } RETURN count(c)"))
                    .as(name)
                    .isEqualTo(1);
        }
        String case777 = "Case" + LOOK_ALIKES.indexOf("Entity777");
        assertThat(memory.recall("Entity777", RecallOptions.DEFAULTS.withDepth(1))
                        .statements())
                .filteredOn(s -> s.object().equals(case777))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.subject()).isEqualTo("Entity777"));
        assertThat(count("MATCH (:Concept {id: 'c:grace hopper'})-[:RELATED_TO]->() RETURN count(*)"))
                .isEqualTo(2);
        // A later write of the merged name goes to the concept it joined.
        memory.writeFacts(List.of(
                Fact.of("Hopper, Grace", "born in", "New York City", SRC).nonExclusive()));
        assertThat(count(
                        "MATCH (f:Fact {object: 'New York City'})-[:ABOUT {role: 'subject'}]->(c:Concept {id: 'c:grace hopper'})"
                                + " WHERE f.subjectId = c.id RETURN count(f)"))
                .isEqualTo(1);
        assertThat(count("MATCH (c:Concept {id: 'c:hopper grace'}) WHERE c:Archived RETURN count(c)"))
                .isEqualTo(1);

        assertThat(memory.undoConsolidation(run.run())).isEqualTo(2);

        assertThat(count("MATCH (n:Concept:Archived) RETURN count(n)")).isZero();
        assertThat(count("MATCH ()-[m:MERGED_INTO]->() RETURN count(m)")).isZero();
        assertThat(
                        count(
                                "MATCH (f:Fact {object: 'Rear Admiral'})-[:ABOUT {role: 'subject'}]->(c:Concept {id: 'c:hopper grace'})"
                                        + " WHERE f.subjectId = c.id AND EXISTS { (c)-[e:RELATED_TO]->() WHERE e.fact = f.id } RETURN count(f)"))
                .isEqualTo(1);
        assertThat(count("MATCH (c:Concept {id: 'c:grace hopper'}) WHERE 'Hopper, Grace' IN c.aliases RETURN count(c)"))
                .isZero();
        assertThat(count("MATCH ()-[r]->() WHERE r.mergeRun IS NOT NULL RETURN count(r)"))
                .isZero();
        assertThatThrownBy(() -> memory.undoConsolidation(run.run()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(run.run());
    }
}
