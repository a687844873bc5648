package dev.noesis.memory.write;

import dev.noesis.core.memory.Relation;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.TransactionContext;

/**
 * Batched, idempotent upserts of concepts and edges: one {@code UNWIND} statement per batch, inside
 * the caller's transaction. Running the same batch twice changes nothing the second time.
 */
public final class GraphWriter {

    private static final String UPSERT_CONCEPTS = """
            UNWIND $rows AS r
            MERGE (c:Concept {id: r.id})
            ON CREATE SET c.name = r.name, c.normName = r.normName, c.kind = r.kind, c.text = r.text,
                          c.aliases = r.aliases, c.source = r.source, c.salience = 1.0,
                          c.createdAt = $now, c.lastUsedAt = $now, c.created_ = true
            ON MATCH SET c.embedding = CASE WHEN c.text = r.text THEN c.embedding ELSE null END,
                         c.text = r.text, c.salience = 1.0, c.lastUsedAt = $now,
                         c.aliases = CASE WHEN r.name = c.name OR r.name IN c.aliases THEN c.aliases
                                          ELSE c.aliases + r.name END
            WITH c, c.created_ IS NOT NULL AS created
            REMOVE c:Archived, c.created_
            RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created
            """;

    /**
     * One statement per relation: MERGE with a literal relationship type is several times faster
     * than with a dynamic one ({@code $(r.type)}), measured on WordNet's 89k hypernym links. The
     * type comes from the {@link Relation} enum, never from input.
     */
    private static final Map<Relation, String> UPSERT_EDGES = new EnumMap<>(Relation.class);

    static {
        for (Relation relation : Relation.values()) {
            UPSERT_EDGES.put(relation, """
                    UNWIND $rows AS r
                    MATCH (a:Concept {id: r.from})
                    MATCH (b:Concept {id: r.to})
                    MERGE (a)-[e:%s]->(b)
                    ON CREATE SET e.label = r.label, e.weight = r.weight, e.source = r.source, e.createdAt = $now, e.created_ = true
                    WITH e, e.created_ IS NOT NULL AS created
                    REMOVE e.created_
                    RETURN count(e) AS matched, sum(CASE WHEN created THEN 1 ELSE 0 END) AS created
                    """.formatted(relation.name()));
        }
    }

    private GraphWriter() {}

    /** What an edge batch did. {@code missing}: rows whose concepts do not exist (nothing written for them). */
    public record EdgeCounts(int created, int missing) {}

    /** Upserts concepts; returns how many are new. Rows with the same id: the last wins. */
    public static int upsertConcepts(TransactionContext tx, List<ConceptRow> rows, OffsetDateTime now) {
        if (rows.isEmpty()) {
            return 0;
        }
        Map<String, Map<String, Object>> unique = new LinkedHashMap<>();
        for (ConceptRow row : rows) {
            unique.put(row.id(), row.toParameters());
        }
        return tx.run(UPSERT_CONCEPTS, Map.of("rows", List.copyOf(unique.values()), "now", now))
                .single()
                .get("created")
                .asInt();
    }

    /** Upserts edges between existing concepts (one per pair and relation); returns what was created and what was missing. */
    public static EdgeCounts upsertEdges(TransactionContext tx, List<EdgeRow> rows, OffsetDateTime now) {
        if (rows.isEmpty()) {
            return new EdgeCounts(0, 0);
        }
        Map<Relation, Map<String, Map<String, Object>>> byRelation = new EnumMap<>(Relation.class);
        for (EdgeRow row : rows) {
            byRelation
                    .computeIfAbsent(row.relation(), r -> new LinkedHashMap<>())
                    .putIfAbsent(row.from() + "\u0000" + row.to(), row.toParameters());
        }
        int created = 0;
        int missing = 0;
        for (var group : byRelation.entrySet()) {
            var record = tx.run(
                            UPSERT_EDGES.get(group.getKey()),
                            Map.of("rows", List.copyOf(group.getValue().values()), "now", now))
                    .single();
            created += record.get("created").asInt();
            missing += group.getValue().size() - record.get("matched").asInt();
        }
        return new EdgeCounts(created, missing);
    }

    /** Makes sure a source node exists. */
    public static void upsertSource(TransactionContext tx, String uri, String title, OffsetDateTime now) {
        tx.run(
                        "MERGE (s:Source {uri: $uri}) ON CREATE SET s.title = $title, s.createdAt = $now",
                        Map.of("uri", uri, "title", title, "now", now))
                .consume();
    }
}
