package dev.noesis.memory.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.MemoryStatement;
import dev.noesis.core.memory.Provenance;
import dev.noesis.core.memory.RecallOptions;
import dev.noesis.memory.GraphAccess;
import dev.noesis.memory.Neo4jMemory;
import dev.noesis.memory.embed.HashingEmbedder;
import dev.noesis.memory.testing.TestNeo4j;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A graph that schema version 1 wrote, where C, C++ and C# were one concept and -18 and 18 one
 * fact, opened by this version: the migration splits what version 1 joined and undoes the
 * supersession it caused.
 */
class IdentityMigrationTest {

    private static final String SRC = "test:v1";

    @Test
    void aVersionOneGraphIsSplitByTheNewIdentity() {
        String renamedNode;
        try (Neo4jMemory memory = TestNeo4j.freshMemory()) {
            Graph graph = GraphAccess.of(memory);
            OffsetDateTime t1 = OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
            OffsetDateTime t2 = OffsetDateTime.of(2022, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
            // What version 1 wrote for these facts, in this order (one concept c:c, first named "C").
            String ritchie = v1Fact(graph, "C", "designed by", "Dennis Ritchie", t1);
            String stroustrup = v1Fact(graph, "C++", "designed by", "Bjarne Stroustrup", t2);
            v1Fact(graph, "C#", "influenced by", "Java", t2);
            v1Fact(graph, "Freezer", "temperature celsius", "-18", t2);
            // The C++ fact closed the C fact: same concept, same predicate.
            graph.execute("""
                    MATCH (n:Fact {id: $new}), (o:Fact {id: $old})
                    SET o.validTo = n.validFrom
                    CREATE (n)-[:SUPERSEDES {at: n.validFrom}]->(o)
                    WITH o MATCH ()-[e]->() WHERE e.fact = o.id SET e.validTo = o.validTo
                    """, Map.of("new", stroustrup, "old", ritchie));
            graph.execute("MATCH (c:Concept {id: 'c:c'}) SET c.aliases = ['C++', 'C#']", Map.of());
            // And a concept first named with a sign: "F#" got the id c:f, then "F" joined it.
            v1Fact(graph, "F#", "paradigm", "functional programming", t1);
            v1Fact(graph, "F", "position in alphabet", "6", t1);
            graph.execute("MATCH (c:Concept {id: 'c:f'}) SET c.salience = 0.5", Map.of());
            renamedNode = graph.query("MATCH (c:Concept {id: 'c:f'}) RETURN elementId(c)", Map.of())
                    .get(0)
                    .get(0)
                    .asString();
            graph.execute("MATCH (s:NoesisSchema {name: 'memory'}) SET s.version = 1", Map.of());
        }

        try (Neo4jMemory memory = Neo4jMemory.open(
                TestNeo4j.target(), Optional.of(new HashingEmbedder()), new Neo4jMemory.Settings(0.95, false))) {
            Graph graph = GraphAccess.of(memory);
            assertThat(MemorySchema.state(graph).version()).isEqualTo(MemorySchema.VERSION);
            assertThat(names(
                            graph,
                            "MATCH (c:Concept) WHERE c.id IN ['c:c', 'c:c++', 'c:c#', 'c:f', 'c:f#']"
                                    + " RETURN c.id + ' = ' + c.name ORDER BY c.id"))
                    .containsExactly("c:c = C", "c:c# = C#", "c:c++ = C++", "c:f = F", "c:f# = F#");
            assertThat(names(graph, "MATCH (c:Concept {id: 'c:c'}) UNWIND c.aliases AS a RETURN a"))
                    .isEmpty();
            // Each fact is about the concept of its own spelling, through its link and its edge.
            for (String s : List.of("C", "C++", "C#", "F#", "F")) {
                assertThat(count(
                                graph,
                                "MATCH (f:Fact {subject: $s})-[:ABOUT {role: 'subject'}]->(c:Concept {id: $id})"
                                        + " WHERE f.subjectId = c.id AND f.key = $key AND f.id STARTS WITH f.key"
                                        + " AND EXISTS { (c)-[e]->(:Concept {id: f.objectId}) WHERE e.fact = f.id } RETURN count(f)",
                                Map.of("s", s, "id", Names.conceptId(s), "key", keyOf(graph, s))))
                        .as(s)
                        .isEqualTo(1);
            }
            assertThat(count(
                            graph,
                            "MATCH (c:Concept {id: 'c:f#'}) WHERE elementId(c) = $e AND c.salience = 0.5 RETURN count(c)",
                            Map.of("e", renamedNode)))
                    .as("the concept first named F# is kept, under its new id")
                    .isEqualTo(1);
            // The supersession that only the old identity made is undone: the C fact is current again.
            assertThat(count(graph, "MATCH ()-[s:SUPERSEDES]->() RETURN count(s)", Map.of()))
                    .isZero();
            assertThat(count(
                            graph,
                            "MATCH (f:Fact {subject: 'C'}) WHERE f.validTo IS NULL"
                                    + " AND NOT EXISTS { ()-[e]->() WHERE e.fact = f.id AND e.validTo IS NOT NULL } RETURN count(f)",
                            Map.of()))
                    .isEqualTo(1);

            // Written again, the migrated facts are known; 18 is not -18.
            assertThat(memory.remember(List.of(Fact.of("C", "designed by", "Dennis Ritchie", Provenance.of(SRC))))
                            .factsConfirmed())
                    .isEqualTo(1);
            assertThat(memory.remember(List.of(Fact.of("Freezer", "temperature celsius", "18", Provenance.of(SRC))
                                    .nonExclusive()))
                            .factsCreated())
                    .isEqualTo(1);
            List<String> cpp = memory.recall("C++", RecallOptions.DEFAULTS.withDepth(1)).statements().stream()
                    .map(MemoryStatement::render)
                    .toList();
            assertThat(cpp)
                    .contains("C++ | designed by | Bjarne Stroustrup  [test:v1]")
                    .noneMatch(l -> l.startsWith("C++ | designed by | Dennis Ritchie"));
            assertThat(memory.embeddingStage(100).orElseThrow().pending())
                    .as("the new concepts wait for vectors")
                    .isPositive();
        }
    }

    /** Writes one fact as version 1 did (its concepts, links, edge and source); returns the fact's id. */
    private static String v1Fact(Graph graph, String s, String p, String o, OffsetDateTime at) {
        Map<String, Object> params = new HashMap<>();
        params.put("s", s);
        params.put("p", p);
        params.put("o", o);
        params.put("sid", IdentityMigration.legacyConceptId(s));
        params.put("oid", IdentityMigration.legacyConceptId(o));
        params.put("snorm", IdentityMigration.legacyNormalise(s));
        params.put("onorm", IdentityMigration.legacyNormalise(o));
        String key = IdentityMigration.legacyFactKey(s, p, o);
        params.put("key", key);
        params.put("pkey", IdentityMigration.legacyNormalise(p));
        params.put("text", s + " " + p + " " + o);
        params.put("src", SRC);
        params.put("at", at);
        graph.execute("""
                MERGE (a:Concept {id: $sid}) ON CREATE SET a.name = $s, a.normName = $snorm, a.kind = 'entity', a.text = $s,
                      a.aliases = [], a.source = $src, a.salience = 1.0, a.createdAt = $at, a.lastUsedAt = $at
                MERGE (b:Concept {id: $oid}) ON CREATE SET b.name = $o, b.normName = $onorm, b.kind = 'entity', b.text = $o,
                      b.aliases = [], b.source = $src, b.salience = 1.0, b.createdAt = $at, b.lastUsedAt = $at
                CREATE (f:Fact {id: $key, key: $key, name: $text, text: $text, subject: $s, predicate: $p, predicateKey: $pkey,
                                object: $o, subjectId: $sid, objectId: $oid, confidence: 1.0, validFrom: $at, exclusive: true,
                                source: $src, salience: 1.0, createdAt: $at, lastUsedAt: $at})
                CREATE (f)-[:ABOUT {role: 'subject'}]->(a)
                CREATE (f)-[:ABOUT {role: 'object'}]->(b)
                CREATE (a)-[:RELATED_TO {fact: $key, label: $p, weight: 1.0, source: $src, validFrom: $at, createdAt: $at}]->(b)
                MERGE (src:Source {uri: $src})
                CREATE (f)-[:DERIVED_FROM]->(src)
                """, params);
        return key;
    }

    private static String keyOf(Graph graph, String subject) {
        var r = graph.query("MATCH (f:Fact {subject: $s}) RETURN f.predicate AS p, f.object AS o", Map.of("s", subject))
                .get(0);
        return Names.factKey(subject, r.get("p").asString(), r.get("o").asString());
    }

    private static long count(Graph graph, String cypher, Map<String, Object> params) {
        return graph.query(cypher, params).get(0).get(0).asLong();
    }

    private static List<String> names(Graph graph, String cypher) {
        return graph.query(cypher, Map.of()).stream()
                .map(r -> r.get(0).asString())
                .toList();
    }
}
