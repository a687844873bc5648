package dev.noesis.memory.consolidate;

import dev.noesis.memory.Graph;
import dev.noesis.memory.MemorySchema;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neo4j.driver.Record;
import org.neo4j.driver.exceptions.ClientException;

/**
 * Keeps memory tidy: merges duplicate concepts, decays the salience of what goes unused, and
 * archives (never deletes) what falls below a threshold. Returns what it changed.
 *
 * <p>Duplicates are found without comparing every pair: first concepts whose names normalise
 * alike, then, for each entity concept with a vector, the few nearest concepts the vector index
 * proposes (blocking), kept when their cosine similarity reaches the threshold. A merge moves every
 * edge of the removed concept to the kept one and keeps the removed name as an alias.
 */
public final class Consolidator {

    private static final String SAME_NAME = """
            MATCH (c:Concept) WHERE c.kind = 'entity' AND NOT c:Archived
            WITH c.normName AS name, c ORDER BY c.createdAt
            WITH name, collect(c.id) AS ids WHERE size(ids) > 1
            RETURN ids
            """;

    private static final String ENTITIES_WITH_VECTORS = """
            MATCH (c:Concept) WHERE c.kind = 'entity' AND NOT c:Archived AND c.embedding IS NOT NULL
            RETURN elementId(c) AS eid
            """;

    private static final String NEAREST = """
            UNWIND $ids AS eid
            MATCH (c:Concept) WHERE elementId(c) = eid
            CALL db.index.vector.queryNodes($index, $k, c.embedding) YIELD node, score
            WHERE node <> c AND node.kind = 'entity' AND NOT node:Archived AND score >= $score
            RETURN c.id AS a, node.id AS b, c.createdAt <= node.createdAt AS aFirst, score
            """;

    private static final String MERGE = """
            MATCH (keep:Concept {id: $keep}), (gone:Concept {id: $gone})
            CALL (keep, gone) {
              MATCH (gone)-[r]->(x) WHERE x <> keep
              CREATE (keep)-[n:$(type(r))]->(x) SET n = properties(r)
              DELETE r
            }
            CALL (keep, gone) {
              MATCH (x)-[r]->(gone) WHERE x <> keep
              CREATE (x)-[n:$(type(r))]->(keep) SET n = properties(r)
              DELETE r
            }
            WITH keep, gone, [a IN [gone.name] + coalesce(gone.aliases, []) WHERE a <> keep.name AND NOT a IN keep.aliases] AS names,
                 CASE WHEN gone.salience > keep.salience THEN gone.salience ELSE keep.salience END AS salience
            SET keep.aliases = keep.aliases + names, keep.salience = salience
            WITH keep, gone
            OPTIONAL MATCH (f:Fact)-[:ABOUT]->(keep) WHERE f.subjectId = gone.id OR f.objectId = gone.id
            SET f.subjectId = CASE WHEN f.subjectId = gone.id THEN keep.id ELSE f.subjectId END,
                f.objectId = CASE WHEN f.objectId = gone.id THEN keep.id ELSE f.objectId END
            WITH DISTINCT gone
            DETACH DELETE gone
            """;

    private static final String DECAY = """
            MATCH (n) WHERE (n:Concept OR n:Fact) AND NOT n:Archived AND NOT coalesce(n.kind, '') IN $exempt
            WITH n, CASE WHEN n.decayedAt IS NULL OR n.lastUsedAt > n.decayedAt THEN n.lastUsedAt ELSE n.decayedAt END AS since
            WITH n, duration.inSeconds(since, $now).seconds AS idle WHERE idle > 0
            CALL (n, idle) {
              SET n.salience = coalesce(n.salience, 1.0) * 0.5 ^ (toFloat(idle) / $halfLife), n.decayedAt = $now
            } IN TRANSACTIONS OF 10000 ROWS
            RETURN count(*) AS decayed
            """;

    private static final String ARCHIVE = """
            MATCH (n) WHERE (n:Concept OR n:Fact) AND NOT n:Archived AND NOT coalesce(n.kind, '') IN $exempt
                AND n.salience < $threshold
            CALL (n) { SET n:Archived, n.archivedAt = $now } IN TRANSACTIONS OF 10000 ROWS
            RETURN count(*) AS archived
            """;

    private final Graph graph;

    public Consolidator(Graph graph) {
        this.graph = graph;
    }

    public ConsolidationReport run(ConsolidationOptions options, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        List<ConsolidationReport.Merge> merges = new ArrayList<>();
        if (!options.exemptKinds().contains("entity")) {
            mergeSameNames(merges);
            mergeNeighbours(options, merges);
        }
        long decayed = graph.readAutoCommit(DECAY, Map.of("exempt", List.copyOf(options.exemptKinds()), "now", at,
                "halfLife", (double) options.halfLife().toSeconds())).get(0).get("decayed").asLong();
        long archived = graph.readAutoCommit(ARCHIVE, Map.of("exempt", List.copyOf(options.exemptKinds()), "now", at,
                "threshold", options.archiveBelow())).get(0).get("archived").asLong();
        return new ConsolidationReport(merges, decayed, archived);
    }

    private void mergeSameNames(List<ConsolidationReport.Merge> merges) {
        for (Record r : graph.query(SAME_NAME, Map.of())) {
            List<String> ids = r.get("ids").asList(v -> v.asString());
            for (String gone : ids.subList(1, ids.size())) {
                merge(ids.get(0), gone, "same normalised name", merges);
            }
        }
    }

    private void mergeNeighbours(ConsolidationOptions options, List<ConsolidationReport.Merge> merges) {
        List<String> ids = graph.query(ENTITIES_WITH_VECTORS, Map.of()).stream().map(r -> r.get("eid").asString()).toList();
        // Union-find over the proposed pairs, so that a chain a~b~c folds into one concept.
        Map<String, String> parent = new HashMap<>();
        Map<String, String> reason = new LinkedHashMap<>();
        double indexScore = (1 + options.mergeSimilarity()) / 2; // Neo4j reports cosine as (1 + cos) / 2
        for (int from = 0; from < ids.size(); from += 500) {
            List<Record> pairs;
            try {
                pairs = graph.query(NEAREST, Map.of("ids", ids.subList(from, Math.min(ids.size(), from + 500)),
                        "index", MemorySchema.CONCEPT_VECTOR_INDEX, "k", options.neighbours() + 1, "score", indexScore));
            } catch (RuntimeException e) {
                if (e.getCause() instanceof ClientException c
                        && String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT).contains("no such vector schema index")) {
                    return;
                }
                throw e;
            }
            for (Record p : pairs) {
                String a = p.get("a").asString();
                String b = p.get("b").asString();
                boolean aFirst = p.get("aFirst").asBoolean();
                String keep = find(parent, aFirst ? a : b);
                String gone = find(parent, aFirst ? b : a);
                if (!keep.equals(gone)) {
                    parent.put(gone, keep);
                    reason.put(gone, String.format(Locale.ROOT, "cosine %.3f with %s", 2 * p.get("score").asDouble() - 1,
                            aFirst ? a : b));
                }
            }
        }
        for (Map.Entry<String, String> e : reason.entrySet()) {
            merge(find(parent, e.getKey()), e.getKey(), e.getValue(), merges);
        }
    }

    private void merge(String keep, String gone, String why, List<ConsolidationReport.Merge> merges) {
        graph.execute(MERGE, Map.of("keep", keep, "gone", gone));
        merges.add(new ConsolidationReport.Merge(keep, gone, why));
    }

    private static String find(Map<String, String> parent, String id) {
        String at = id;
        while (parent.containsKey(at)) {
            at = parent.get(at);
        }
        return at;
    }
}
