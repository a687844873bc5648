package dev.noesis.memory.write;

import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.Provenance;
import dev.noesis.core.memory.Relation;
import dev.noesis.core.memory.WriteReport;
import dev.noesis.memory.graph.Names;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;

/**
 * Writes facts inside the caller's transaction: their concepts, the {@code Fact} nodes with
 * {@code ABOUT} links, a concept-to-concept edge per fact (its predicate as label, its validity and
 * source), and provenance ({@code DERIVED_FROM} a {@code Source}, or an {@code Episode}).
 *
 * <p>Idempotent: a fact memory already holds (same subject, predicate and object, still valid) is
 * confirmed, not duplicated. Supersession: a new exclusive fact closes every current fact with the
 * same subject and predicate and another object ({@code validTo} set on the fact and its edge) and
 * links to it with {@code SUPERSEDES}; nothing is deleted. Facts in one call are applied in order,
 * so a later one supersedes an earlier one. A fact that was closed and is asserted again by a new
 * source becomes a new version of it ({@code <key>.2}), so the history stays readable; the source it
 * already came from repeating it (an import run twice) changes nothing.
 */
public final class FactWriter {

    private static final String VERSIONS = """
            UNWIND $rows AS r
            OPTIONAL MATCH (f:Fact {key: r.key})
            WITH r, f ORDER BY f.createdAt
            WITH r, collect(f) AS versions
            RETURN r.key AS key, [x IN versions | x.id] AS ids, [x IN versions WHERE x.validTo IS NULL | x.id] AS current,
                   [x IN versions WHERE EXISTS { (x)-[:DERIVED_FROM]->(s:Source) WHERE s.uri IN r.sources } | x.id] AS sourced
            """;

    private static final String CREATE_FACTS = """
            UNWIND $rows AS r
            MATCH (s:Concept {id: r.sid})
            MATCH (o:Concept {id: r.oid})
            CREATE (f:Fact {id: r.id, key: r.key, name: r.text, text: r.text, subject: r.subject, predicate: r.predicate,
                            predicateKey: r.pkey, object: r.object, subjectId: r.sid, objectId: r.oid,
                            confidence: r.confidence, validFrom: r.validFrom, exclusive: r.exclusive,
                            source: r.source, salience: 1.0, createdAt: $now, lastUsedAt: $now})
            CREATE (f)-[:ABOUT {role: 'subject'}]->(s)
            CREATE (f)-[:ABOUT {role: 'object'}]->(o)
            RETURN count(f) AS created
            """;

    /** The concept-to-concept edge of each fact, one statement per relation (a literal type; see {@link GraphWriter}). */
    private static final Map<Relation, String> FACT_EDGES = new EnumMap<>(Relation.class);

    static {
        for (Relation relation : List.of(Relation.IS_A, Relation.PART_OF, Relation.RELATED_TO)) {
            FACT_EDGES.put(relation, """
                    UNWIND $rows AS r
                    MATCH (s:Concept {id: r.sid})
                    MATCH (o:Concept {id: r.oid})
                    CREATE (s)-[:%s {fact: r.id, label: r.predicate, weight: r.confidence, source: r.source,
                                     validFrom: r.validFrom, createdAt: $now}]->(o)
                    """.formatted(relation.name()));
        }
    }

    private static final String SUPERSEDE = """
            UNWIND $rows AS r
            MATCH (f:Fact {id: r.id})
            MATCH (old:Fact {subjectId: r.sid, predicateKey: r.pkey})
            WHERE old.validTo IS NULL AND old.id <> r.id
            SET old.validTo = r.validFrom
            CREATE (f)-[:SUPERSEDES {at: r.validFrom}]->(old)
            WITH old, r
            MATCH (:Concept {id: old.subjectId})-[e]->(:Concept {id: old.objectId})
            WHERE e.fact = old.id
            SET e.validTo = r.validFrom
            RETURN count(DISTINCT old) AS superseded
            """;

    private static final String CONFIRM = """
            UNWIND $rows AS r
            MATCH (f:Fact {id: r.id})
            SET f.confidence = CASE WHEN r.confidence > f.confidence THEN r.confidence ELSE f.confidence END,
                f.confirmedAt = $now, f.salience = 1.0, f.lastUsedAt = $now
            REMOVE f:Archived
            """;

    private static final String PROVENANCE = """
            UNWIND $links AS l
            MATCH (f:Fact {id: l.id})
            MERGE (s:Source {uri: l.uri})
            ON CREATE SET s.title = l.title, s.createdAt = $now
            MERGE (f)-[:DERIVED_FROM]->(s)
            """;

    private static final String EPISODE_LINKS = """
            MATCH (e:Episode {id: $episode})
            UNWIND $ids AS id
            MATCH (f:Fact {id: id})
            MERGE (f)-[:DERIVED_FROM]->(e)
            WITH e, f
            MATCH (f)-[:ABOUT]->(c:Concept)
            MERGE (e)-[:MENTIONS]->(c)
            """;

    private FactWriter() {}

    /**
     * Writes {@code facts} in the caller's transaction.
     *
     * @param conceptIds concept ids to use for names (from deduplication by embedding); other names get
     *                   {@link Names#conceptId}
     * @param episodeId  the episode the facts come from, if any (it must exist)
     */
    public static WriteReport write(
            TransactionContext tx,
            List<Fact> facts,
            OffsetDateTime now,
            Map<String, String> conceptIds,
            Optional<String> episodeId) {
        if (facts.isEmpty()) {
            return WriteReport.NOTHING;
        }
        Map<String, Row> byKey = new LinkedHashMap<>();
        int repeated = 0;
        for (Fact fact : facts) {
            Row row = new Row(fact, now, conceptIds);
            Row known = byKey.get(row.key);
            if (known == null) {
                byKey.put(row.key, row);
            } else {
                known.absorb(row);
                repeated++;
            }
        }
        List<ConceptRow> concepts = new ArrayList<>();
        for (Row row : byKey.values()) {
            if (!conceptIds.containsKey(row.fact.subject())) {
                concepts.add(
                        ConceptRow.entity(row.fact.subject(), row.fact.source().uri()));
            }
            if (!conceptIds.containsKey(row.fact.object())) {
                concepts.add(
                        ConceptRow.entity(row.fact.object(), row.fact.source().uri()));
            }
        }
        int conceptsCreated = GraphWriter.upsertConcepts(tx, concepts, now);
        // A fact given twice in one write is one fact, confirmed by its repetition.
        WriteReport report = new WriteReport(conceptsCreated, 0, repeated, 0, 0);
        List<String> written = new ArrayList<>();
        for (List<Row> round : rounds(byKey.values())) {
            report = report.plus(writeRound(tx, round, now));
            round.forEach(r -> written.add(r.id));
        }
        List<Map<String, Object>> links = new ArrayList<>();
        for (Row row : byKey.values()) {
            for (Provenance p : row.sources) {
                links.add(Map.of("id", row.id, "uri", p.uri(), "title", p.title()));
            }
        }
        tx.run(PROVENANCE, Map.of("links", links, "now", now)).consume();
        episodeId.ifPresent(id ->
                tx.run(EPISODE_LINKS, Map.of("episode", id, "ids", written)).consume());
        return report;
    }

    private static WriteReport writeRound(TransactionContext tx, List<Row> round, OffsetDateTime now) {
        List<Map<String, Object>> lookups = round.stream()
                .map(r -> Map.<String, Object>of(
                        "key",
                        r.key,
                        "sources",
                        r.sources.stream().map(Provenance::uri).toList()))
                .toList();
        Map<String, Record> versions = new HashMap<>();
        for (Record r : tx.run(VERSIONS, Map.of("rows", lookups)).list()) {
            versions.put(r.get("key").asString(), r);
        }
        List<Map<String, Object>> fresh = new ArrayList<>();
        List<Map<String, Object>> exclusive = new ArrayList<>();
        List<Map<String, Object>> confirmed = new ArrayList<>();
        for (Row row : round) {
            Record v = versions.get(row.key);
            List<String> current = v.get("current").asList(x -> x.asString());
            List<String> sourced = v.get("sourced").asList(x -> x.asString());
            int existing = v.get("ids").size();
            if (!current.isEmpty()) {
                row.id = current.get(0);
                confirmed.add(Map.of("id", row.id, "confidence", row.fact.confidence()));
            } else if (!sourced.isEmpty()) {
                // A closed fact repeated by a source it came from: history, already recorded.
                row.id = sourced.get(sourced.size() - 1);
                confirmed.add(Map.of("id", row.id, "confidence", 0.0));
            } else {
                row.id = existing == 0 ? row.key : row.key + "." + (existing + 1);
                Map<String, Object> params = row.parameters();
                fresh.add(params);
                if (row.exclusive) {
                    exclusive.add(params);
                }
            }
        }
        int created = fresh.isEmpty()
                ? 0
                : tx.run(CREATE_FACTS, Map.of("rows", fresh, "now", now))
                        .single()
                        .get("created")
                        .asInt();
        Map<String, List<Map<String, Object>>> byRelation = new HashMap<>();
        fresh.forEach(r -> byRelation
                .computeIfAbsent((String) r.get("relation"), k -> new ArrayList<>())
                .add(r));
        byRelation.forEach(
                (relation, rows) -> tx.run(FACT_EDGES.get(Relation.valueOf(relation)), Map.of("rows", rows, "now", now))
                        .consume());
        int superseded = exclusive.isEmpty()
                ? 0
                : tx.run(SUPERSEDE, Map.of("rows", exclusive))
                        .single()
                        .get("superseded")
                        .asInt();
        if (!confirmed.isEmpty()) {
            tx.run(CONFIRM, Map.of("rows", confirmed, "now", now)).consume();
        }
        return new WriteReport(0, created, confirmed.size(), superseded, 0);
    }

    /**
     * Splits rows so that no round holds two rows with the same subject and predicate when one of
     * them is exclusive: rounds run in order, so the later fact supersedes the earlier.
     */
    private static List<List<Row>> rounds(Iterable<Row> rows) {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row row : rows) {
            groups.computeIfAbsent(row.sid + "\u0000" + row.pkey, k -> new ArrayList<>())
                    .add(row);
        }
        List<List<Row>> rounds = new ArrayList<>();
        for (List<Row> group : groups.values()) {
            boolean ordered = group.stream().anyMatch(r -> r.exclusive);
            for (int i = 0; i < group.size(); i++) {
                int round = ordered ? i : 0;
                while (rounds.size() <= round) {
                    rounds.add(new ArrayList<>());
                }
                rounds.get(round).add(group.get(i));
            }
        }
        return rounds;
    }

    /** One fact on its way in. */
    private static final class Row {
        final Fact fact;
        final String key;
        final String pkey;
        final String sid;
        final String oid;
        final Relation relation;
        final OffsetDateTime validFrom;
        final Set<Provenance> sources = new LinkedHashSet<>();
        double confidence;
        boolean exclusive;
        String id;

        Row(Fact fact, OffsetDateTime now, Map<String, String> conceptIds) {
            this.fact = fact;
            this.key = Names.factKey(fact.subject(), fact.predicate(), fact.object());
            this.pkey = Names.normalise(fact.predicate());
            this.sid = conceptIds.getOrDefault(fact.subject(), Names.conceptId(fact.subject()));
            this.oid = conceptIds.getOrDefault(fact.object(), Names.conceptId(fact.object()));
            this.relation = Predicates.relationFor(fact.predicate());
            this.validFrom =
                    fact.validFrom().map(t -> t.atOffset(ZoneOffset.UTC)).orElse(now);
            this.confidence = fact.confidence();
            this.exclusive = fact.exclusive();
            this.sources.add(fact.source());
        }

        void absorb(Row other) {
            confidence = Math.max(confidence, other.confidence);
            exclusive |= other.exclusive;
            sources.addAll(other.sources);
        }

        Map<String, Object> parameters() {
            Map<String, Object> m = new HashMap<>();
            m.put("id", id);
            m.put("key", key);
            m.put("subject", fact.subject().strip());
            m.put("predicate", fact.predicate().strip());
            m.put("pkey", pkey);
            m.put("object", fact.object().strip());
            m.put("sid", sid);
            m.put("oid", oid);
            m.put("relation", relation.name());
            m.put(
                    "text",
                    fact.subject().strip() + " " + fact.predicate().strip() + " "
                            + fact.object().strip());
            m.put("confidence", confidence);
            m.put("validFrom", validFrom);
            m.put("exclusive", exclusive);
            m.put("source", sources.iterator().next().uri());
            return m;
        }
    }
}
