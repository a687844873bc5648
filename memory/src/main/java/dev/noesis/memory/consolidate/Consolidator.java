package dev.noesis.memory.consolidate;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.memory.graph.Graph;
import dev.noesis.memory.graph.MemorySchema;
import dev.noesis.memory.graph.Names;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.Record;
import org.neo4j.driver.exceptions.ClientException;

/**
 * Keeps memory tidy: merges duplicate concepts, decays the salience of what goes unused, and
 * archives (never deletes) what falls below a threshold. Returns what it changed, under a run id.
 *
 * <p>Duplicates are found without comparing every pair: first concepts whose names normalise
 * alike, then, for each entity concept with a vector, the few nearest concepts the vector index
 * proposes (blocking), kept when their cosine similarity reaches the threshold. Similarity alone
 * never merges: the two names must also agree on their distinguishing tokens ({@link
 * Names#distinguishing}: numbers, versions, ordinals, signs), so Entity77 and Entity777, Python 3.11
 * and 3.12, World War I and II stay apart however alike their vectors. Merges do not chain: a
 * concept merged away in a run absorbs nothing in it, and one that absorbs is not merged away in
 * it, so every merged concept was itself similar to the one it joined.
 *
 * <p>A merge moves every edge of the removed concept to the kept one (each moved edge records where
 * it came from and in which run) and keeps the removed name as an alias; the removed concept stays,
 * archived, with a {@code MERGED_INTO} link to the kept one, which later writes of its name follow.
 * {@link #undo} puts a run's merges back. {@link #plan} says what a run would do and writes nothing.
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
            RETURN c.id AS a, c.name AS aName, node.id AS b, node.name AS bName, c.createdAt <= node.createdAt AS aFirst, score
            """;

    /** Moved edges remember, last first, the concepts they were moved from and the runs that moved them. */
    private static final String MERGE = """
            MATCH (keep:Concept {id: $keep}), (gone:Concept {id: $gone})
            WHERE NOT keep:Archived AND NOT gone:Archived
            CALL (keep, gone) {
              MATCH (gone)-[r]->(x) WHERE x <> keep AND x <> gone AND type(r) <> 'MERGED_INTO'
              CREATE (keep)-[n:$(type(r))]->(x)
              SET n = properties(r), n.mergedFrom = coalesce(r.mergedFrom, []) + gone.id, n.mergeRun = coalesce(r.mergeRun, []) + $run
              DELETE r
            }
            CALL (keep, gone) {
              MATCH (x)-[r]->(gone) WHERE x <> keep AND x <> gone AND type(r) <> 'MERGED_INTO'
              CREATE (x)-[n:$(type(r))]->(keep)
              SET n = properties(r), n.mergedFrom = coalesce(r.mergedFrom, []) + gone.id, n.mergeRun = coalesce(r.mergeRun, []) + $run
              DELETE r
            }
            WITH keep, gone,
                 [a IN [gone.name] + coalesce(gone.aliases, []) WHERE a <> keep.name AND NOT a IN coalesce(keep.aliases, [])] AS names
            CREATE (gone)-[:MERGED_INTO {run: $run, at: $now, reason: $why, aliases: names}]->(keep)
            SET keep.aliases = coalesce(keep.aliases, []) + names,
                keep.salience = CASE WHEN gone.salience > keep.salience THEN gone.salience ELSE keep.salience END,
                gone:Archived, gone.archivedAt = $now, gone.mergedInto = keep.id
            WITH keep, gone
            OPTIONAL MATCH (f:Fact)-[:ABOUT]->(keep) WHERE f.subjectId = gone.id OR f.objectId = gone.id
            SET f.subjectId = CASE WHEN f.subjectId = gone.id THEN keep.id ELSE f.subjectId END,
                f.objectId = CASE WHEN f.objectId = gone.id THEN keep.id ELSE f.objectId END
            """;

    private static final String MERGED_IN_RUN = """
            MATCH (gone:Concept)-[:MERGED_INTO {run: $run}]->(:Concept)
            RETURN gone.id AS id
            """;

    /** The inverse of {@link #MERGE} for one merged concept: what has moved since stays where it is now. */
    private static final String UNDO = """
            MATCH (gone:Concept {id: $gone})-[m:MERGED_INTO {run: $run}]->(keep:Concept)
            CALL (gone, keep) {
              MATCH (keep)-[r]->(x) WHERE last(r.mergeRun) = $run AND last(r.mergedFrom) = gone.id
              CREATE (gone)-[n:$(type(r))]->(x)
              SET n = properties(r),
                  n.mergedFrom = CASE WHEN size(r.mergedFrom) > 1 THEN r.mergedFrom[..-1] END,
                  n.mergeRun = CASE WHEN size(r.mergeRun) > 1 THEN r.mergeRun[..-1] END
              DELETE r
            }
            CALL (gone, keep) {
              MATCH (x)-[r]->(keep) WHERE last(r.mergeRun) = $run AND last(r.mergedFrom) = gone.id
              CREATE (x)-[n:$(type(r))]->(gone)
              SET n = properties(r),
                  n.mergedFrom = CASE WHEN size(r.mergedFrom) > 1 THEN r.mergedFrom[..-1] END,
                  n.mergeRun = CASE WHEN size(r.mergeRun) > 1 THEN r.mergeRun[..-1] END
              DELETE r
            }
            SET keep.aliases = [a IN coalesce(keep.aliases, []) WHERE NOT a IN coalesce(m.aliases, [])]
            REMOVE gone:Archived, gone.archivedAt, gone.mergedInto
            DELETE m
            WITH gone
            OPTIONAL MATCH (f:Fact)-[a:ABOUT]->(gone)
            SET f.subjectId = CASE WHEN a.role = 'subject' THEN gone.id ELSE f.subjectId END,
                f.objectId = CASE WHEN a.role = 'object' THEN gone.id ELSE f.objectId END
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

    /** What {@link #DECAY} and {@link #ARCHIVE} would count, read only. */
    private static final String DECAY_AND_ARCHIVE_PLAN = """
            MATCH (n) WHERE (n:Concept OR n:Fact) AND NOT n:Archived AND NOT coalesce(n.kind, '') IN $exempt
                AND NOT coalesce(n.id, '') IN $merged
            WITH n, CASE WHEN n.decayedAt IS NULL OR n.lastUsedAt > n.decayedAt THEN n.lastUsedAt ELSE n.decayedAt END AS since
            WITH n, duration.inSeconds(since, $now).seconds AS idle
            WITH idle > 0 AS decays,
                 coalesce(n.salience, 1.0) * CASE WHEN idle > 0 THEN 0.5 ^ (toFloat(idle) / $halfLife) ELSE 1.0 END AS salience
            RETURN sum(CASE WHEN decays THEN 1 ELSE 0 END) AS decayed, sum(CASE WHEN salience < $threshold THEN 1 ELSE 0 END) AS archived
            """;

    private static final DateTimeFormatter RUN_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Graph graph;

    public Consolidator(Graph graph) {
        this.graph = graph;
    }

    /** Merges, decays and archives; the report's run id is what {@link #undo} takes. */
    public ConsolidationReport run(ConsolidationOptions options, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        String run = RUN_TIME.format(now) + "-" + HexFormat.of().toHexDigits((short) new SecureRandom().nextInt());
        List<ConsolidationReport.Merge> merges = plannedMerges(options);
        for (ConsolidationReport.Merge m : merges) {
            graph.execute(
                    MERGE, Map.of("keep", m.kept(), "gone", m.removed(), "run", run, "why", m.reason(), "now", at));
        }
        long decayed = graph.readAutoCommit(
                        DECAY, Map.of("exempt", List.copyOf(options.exemptKinds()), "now", at, "halfLife", (double)
                                options.halfLife().toSeconds()))
                .get(0)
                .get("decayed")
                .asLong();
        long archived = graph.readAutoCommit(
                        ARCHIVE,
                        Map.of(
                                "exempt",
                                List.copyOf(options.exemptKinds()),
                                "now",
                                at,
                                "threshold",
                                options.archiveBelow()))
                .get(0)
                .get("archived")
                .asLong();
        return new ConsolidationReport(run, false, merges, decayed, archived);
    }

    /** What {@link #run} would do now, with nothing written. */
    public ConsolidationReport plan(ConsolidationOptions options, Instant now) {
        List<ConsolidationReport.Merge> merges = plannedMerges(options);
        Record counts = graph.query(
                        DECAY_AND_ARCHIVE_PLAN,
                        Map.of(
                                "exempt",
                                List.copyOf(options.exemptKinds()),
                                "merged",
                                merges.stream()
                                        .map(ConsolidationReport.Merge::removed)
                                        .toList(),
                                "now",
                                now.atOffset(ZoneOffset.UTC),
                                "halfLife",
                                (double) options.halfLife().toSeconds(),
                                "threshold",
                                options.archiveBelow()))
                .get(0);
        return new ConsolidationReport(
                "",
                true,
                merges,
                counts.get("decayed").asLong(0),
                counts.get("archived").asLong(0));
    }

    /**
     * Puts back what the merges of {@code run} changed: each merged concept is current again, with
     * the edges and facts that were moved off it (those moved again by a later run stay where that
     * run put them) and without its name among the kept concept's aliases. Decay and archiving are
     * not undone: use brings a node's salience back. Returns how many merges were undone.
     */
    public int undo(String run) {
        List<String> merged = graph.query(MERGED_IN_RUN, Map.of("run", run)).stream()
                .map(r -> r.get("id").asString())
                .toList();
        if (merged.isEmpty()) {
            throw new InvalidInputException("No merges are recorded for a consolidation run '" + run + "'.");
        }
        for (String gone : merged) {
            graph.execute(UNDO, Map.of("gone", gone, "run", run));
        }
        return merged.size();
    }

    /** The merges a run makes now, in order: same normalised names first, then near vectors, best first. */
    private List<ConsolidationReport.Merge> plannedMerges(ConsolidationOptions options) {
        List<ConsolidationReport.Merge> merges = new ArrayList<>();
        if (options.exemptKinds().contains("entity")) {
            return merges;
        }
        Set<String> kept = new HashSet<>();
        Set<String> removed = new HashSet<>();
        for (Record r : graph.query(SAME_NAME, Map.of())) {
            List<String> ids = r.get("ids").asList(v -> v.asString());
            for (String gone : ids.subList(1, ids.size())) {
                accept(ids.get(0), gone, "same normalised name", kept, removed, merges);
            }
        }
        for (Pair p : nearPairs(options)) {
            accept(p.keep, p.gone, String.format(Locale.ROOT, "cosine %.3f", p.cosine), kept, removed, merges);
        }
        return merges;
    }

    /** Takes a merge unless it would chain: what is merged away absorbs nothing, what absorbs is not merged away. */
    private static void accept(
            String keep,
            String gone,
            String why,
            Set<String> kept,
            Set<String> removed,
            List<ConsolidationReport.Merge> merges) {
        if (keep.equals(gone) || removed.contains(keep) || removed.contains(gone) || kept.contains(gone)) {
            return;
        }
        kept.add(keep);
        removed.add(gone);
        merges.add(new ConsolidationReport.Merge(keep, gone, why));
    }

    private record Pair(String keep, String gone, double cosine) {}

    /** Pairs of entity concepts the vector index finds alike, with names that agree on what tells them apart; best first. */
    private List<Pair> nearPairs(ConsolidationOptions options) {
        List<String> ids = graph.query(ENTITIES_WITH_VECTORS, Map.of()).stream()
                .map(r -> r.get("eid").asString())
                .toList();
        double indexScore = (1 + options.mergeSimilarity()) / 2; // Neo4j reports cosine as (1 + cos) / 2
        Map<String, Pair> pairs = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Record> found;
            try {
                found = graph.query(
                        NEAREST,
                        Map.of(
                                "ids",
                                ids.subList(from, Math.min(ids.size(), from + 500)),
                                "index",
                                MemorySchema.CONCEPT_VECTOR_INDEX,
                                "k",
                                options.neighbours() + 1,
                                "score",
                                indexScore));
            } catch (RuntimeException e) {
                if (e.getCause() instanceof ClientException c
                        && String.valueOf(c.getMessage())
                                .toLowerCase(Locale.ROOT)
                                .contains("no such vector schema index")) {
                    return List.of();
                }
                throw e;
            }
            for (Record p : found) {
                if (!Names.distinguishing(p.get("aName").asString(""))
                        .equals(Names.distinguishing(p.get("bName").asString("")))) {
                    continue;
                }
                String a = p.get("a").asString();
                String b = p.get("b").asString();
                boolean aFirst = p.get("aFirst").asBoolean();
                String key = a.compareTo(b) < 0 ? a + "\u0000" + b : b + "\u0000" + a;
                pairs.putIfAbsent(
                        key,
                        new Pair(
                                aFirst ? a : b,
                                aFirst ? b : a,
                                2 * p.get("score").asDouble() - 1));
            }
        }
        List<Pair> best = new ArrayList<>(pairs.values());
        best.sort(Comparator.comparingDouble(Pair::cosine).reversed().thenComparing(Pair::gone));
        return best;
    }
}
