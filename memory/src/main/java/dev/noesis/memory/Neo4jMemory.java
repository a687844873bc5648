package dev.noesis.memory;

import dev.noesis.core.embedding.Embedder;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.Remedy;
import dev.noesis.core.memory.Episode;
import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.Memory;
import dev.noesis.core.memory.MemoryNode;
import dev.noesis.core.memory.RecallOptions;
import dev.noesis.core.memory.RecallResult;
import dev.noesis.core.memory.WriteReport;
import dev.noesis.memory.consolidate.ConsolidationOptions;
import dev.noesis.memory.consolidate.ConsolidationReport;
import dev.noesis.memory.consolidate.Consolidator;
import dev.noesis.memory.embed.EmbeddingStage;
import dev.noesis.memory.graph.BoltTarget;
import dev.noesis.memory.graph.Graph;
import dev.noesis.memory.graph.MemorySchema;
import dev.noesis.memory.graph.Names;
import dev.noesis.memory.importer.FactSink;
import dev.noesis.memory.importer.ImportListener;
import dev.noesis.memory.importer.WordNetImporter;
import dev.noesis.memory.recall.RecallEngine;
import dev.noesis.memory.write.FactWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neo4j.driver.Record;

/**
 * The {@link Memory} port on Neo4j, through the Java driver over Bolt only: the same code for the
 * local server, a docker-compose one or a cluster.
 *
 * <p>Opening it brings the schema up to date. {@link #remember} deduplicates concepts by normalised
 * name and then by embedding similarity (the vector index proposes the nearest existing concept, taken
 * only when the names agree on their numbers, signs and versions), follows the merges consolidation
 * made (a name merged into another concept is written to that concept), writes in one transaction,
 * and embeds what it wrote. Importers write through {@link #writeFacts}
 * without embedding; {@link #embeddingStage} does that afterwards. Recall marks what it returns as
 * used (batched, off the recall's own path), which consolidation's decay takes into account.
 */
public final class Neo4jMemory implements Memory, FactSink {

    /**
     * @param dedupSimilarity cosine similarity from which a new entity name is taken to be an existing concept
     * @param touchOnRecall   whether recall marks what it returns as used
     */
    public record Settings(double dedupSimilarity, boolean touchOnRecall) {
        public static final Settings DEFAULTS = new Settings(0.95, true);

        public Settings {
            if (!(dedupSimilarity > 0 && dedupSimilarity <= 1)) { // NaN fails too
                throw new IllegalArgumentException("dedupSimilarity must be in (0, 1], got " + dedupSimilarity);
            }
        }
    }

    private final Graph graph;
    private final Optional<Embedder> embedder;
    private final Settings settings;
    private final RecallEngine recall;
    private final UsageRecorder usage;

    private Neo4jMemory(Graph graph, Optional<Embedder> embedder, Settings settings) {
        this.graph = graph;
        this.embedder = embedder;
        this.settings = settings;
        this.recall = new RecallEngine(graph, embedder);
        this.usage = settings.touchOnRecall() ? new UsageRecorder(graph) : null;
    }

    /**
     * Connects, and creates or migrates the schema (vector indexes sized for {@code embedder}). The
     * memory owns the embedder from then on: closing the memory closes it, and so does a failed open.
     */
    public static Neo4jMemory open(BoltTarget target, Optional<Embedder> embedder, Settings settings) {
        Graph graph;
        try {
            graph = Graph.connect(target);
        } catch (RuntimeException e) {
            embedder.ifPresent(Embedder::close);
            throw e;
        }
        try {
            MemorySchema.ensure(
                    graph,
                    embedder.map(Embedder::name).orElse(""),
                    embedder.map(Embedder::dimensions).orElse(0));
        } catch (RuntimeException e) {
            graph.close();
            embedder.ifPresent(Embedder::close);
            throw e;
        }
        return new Neo4jMemory(graph, embedder, settings);
    }

    public static Neo4jMemory open(BoltTarget target, Embedder embedder) {
        return open(target, Optional.of(embedder), Settings.DEFAULTS);
    }

    /** The graph under this memory: for this package and its tests only, never for the application. */
    Graph graph() {
        return graph;
    }

    /** Where this memory is, for people: the server's Bolt address. */
    public String location() {
        return graph.uri();
    }

    public Optional<Embedder> embedder() {
        return embedder;
    }

    @Override
    public WriteReport remember(List<Fact> facts) {
        checkSize(facts);
        Map<String, String> ids = resolve(facts);
        WriteReport report = write(facts, ids, Optional.empty());
        embedWritten(facts, ids);
        return report;
    }

    @Override
    public WriteReport record(Episode episode) {
        checkSize(episode.facts());
        Map<String, String> ids = resolve(episode.facts());
        String id = "e:" + episode.runId();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        WriteReport report;
        try {
            report = graph.write(tx -> {
                var created = tx.run(
                                """
                        MERGE (e:Episode {id: $id})
                        ON CREATE SET e.runId = $runId, e.name = $name, e.question = $question, e.answer = $answer,
                                      e.text = $question + '\\n' + $answer, e.at = $at, e.createdAt = $now, e.created_ = true
                        WITH e, e.created_ IS NOT NULL AS created
                        REMOVE e.created_
                        RETURN created
                        """,
                                Map.of(
                                        "id",
                                        id,
                                        "runId",
                                        episode.runId(),
                                        "name",
                                        abbreviate(episode.question(), 200),
                                        "question",
                                        episode.question(),
                                        "answer",
                                        episode.answer(),
                                        "at",
                                        episode.at().atOffset(ZoneOffset.UTC),
                                        "now",
                                        now))
                        .single()
                        .get("created")
                        .asBoolean();
                WriteReport facts = FactWriter.write(tx, episode.facts(), now, ids, Optional.of(id));
                return facts.plus(new WriteReport(0, 0, 0, 0, created ? 1 : 0));
            });
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Cannot record episode " + episode.runId() + ": " + e.getMessage(), e);
        }
        embedWritten(episode.facts(), ids);
        return report;
    }

    /**
     * Writes facts in one transaction, concepts matched by normalised name only, nothing embedded
     * (for importers: the embedding stage runs later).
     */
    @Override
    public WriteReport writeFacts(List<Fact> facts) {
        checkSize(facts);
        return write(facts, resolveMerged(facts), Optional.empty());
    }

    private WriteReport write(List<Fact> facts, Map<String, String> ids, Optional<String> episode) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try {
            return graph.write(tx -> FactWriter.write(tx, facts, now, ids, episode));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Cannot remember these facts: " + e.getMessage(), e);
        }
    }

    @Override
    public RecallResult recall(String cue, RecallOptions options) {
        if (cue == null || cue.isBlank()) {
            throw new InvalidInputException("A recall needs a cue: some words about what to remember.");
        }
        if (cue.length() > 10_000) {
            throw new InvalidInputException("A recall cue is limited to 10,000 characters, got " + cue.length() + ".");
        }
        RecallResult result = recall.recall(cue, options);
        if (usage != null && !result.isEmpty()) {
            usage.used(result.nodes().stream().map(MemoryNode::id).toList());
        }
        return result;
    }

    /** The embedding stage over this graph (empty without an embedder). */
    public Optional<EmbeddingStage> embeddingStage(int batchSize) {
        return embedder.map(e -> new EmbeddingStage(graph, e, batchSize));
    }

    /**
     * Removes every vector and makes the vector indexes fit {@code embedder}, so that everything can be
     * embedded again with it (vectors of two models cannot be compared). Open the memory without an
     * embedder for this: the schema check refuses a graph that another model embedded.
     */
    public void resetVectors(Embedder embedder) {
        MemorySchema.resetVectors(graph, embedder.dimensions());
    }

    /** Imports all of WordNet 3.1 (shipped in a jar) in transactions of {@code batch} rows; see {@link WordNetImporter}. */
    public WordNetImporter.Report importWordNet(int batch, ImportListener listener) {
        return new WordNetImporter(graph, batch).run(WordNetImporter.dictionary(), listener);
    }

    /** Merges duplicates, decays and archives; see {@link Consolidator}. The report's run id is what {@link #undoConsolidation} takes. */
    public ConsolidationReport consolidate(ConsolidationOptions options, Instant now) {
        return new Consolidator(graph).run(options, now);
    }

    /** What {@link #consolidate} would do now; writes nothing. */
    public ConsolidationReport planConsolidation(ConsolidationOptions options, Instant now) {
        return new Consolidator(graph).plan(options, now);
    }

    /** Puts back the merges of one consolidation run; returns how many. */
    public int undoConsolidation(String run) {
        return new Consolidator(graph).undo(run);
    }

    public MemoryStats stats() {
        return MemoryStats.read(graph);
    }

    /** The graph's IS_A paths between named concepts. */
    public PathFinder paths() {
        return new PathFinder(graph);
    }

    /**
     * Deletes everything in the graph (schema kept). For benchmarks that must start empty; the
     * command line asks for an explicit flag before calling it.
     */
    public void clear() {
        graph.autoCommit(
                "MATCH (n) WHERE NOT n:NoesisSchema CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS",
                Map.of());
        graph.execute("MATCH (s:NoesisSchema {name: 'memory'}) REMOVE s.embedder", Map.of());
    }

    /** Waits for pending bookkeeping, then closes the connection and the embedder. */
    @Override
    public void close() {
        try {
            if (usage != null) {
                usage.close();
            }
            graph.close();
        } finally {
            embedder.ifPresent(Embedder::close);
        }
    }

    /** Concepts for the facts' names: those merged away by consolidation, then new ones by similarity. */
    private Map<String, String> resolve(List<Fact> facts) {
        Map<String, String> ids = new HashMap<>(resolveMerged(facts));
        ids.putAll(resolveByEmbedding(facts));
        return ids;
    }

    /**
     * Maps each name whose concept consolidation merged into another to that other concept (through
     * the merges of later runs too), so that a merge holds for what is written after it.
     */
    private Map<String, String> resolveMerged(List<Fact> facts) {
        if (facts.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> namesById = new HashMap<>();
        for (Fact f : facts) {
            namesById
                    .computeIfAbsent(Names.conceptId(f.subject()), k -> new ArrayList<>())
                    .add(f.subject());
            namesById
                    .computeIfAbsent(Names.conceptId(f.object()), k -> new ArrayList<>())
                    .add(f.object());
        }
        Map<String, String> byName = new HashMap<>();
        for (Record r : graph.query("""
                UNWIND $ids AS id
                MATCH (c:Concept {id: id}) WHERE c:Archived AND c.mergedInto IS NOT NULL
                CALL (c) {
                  MATCH (c)-[:MERGED_INTO*1..16]->(t:Concept) WHERE NOT t:Archived
                  RETURN t.id AS target LIMIT 1
                }
                RETURN id, target
                """, Map.of("ids", List.copyOf(namesById.keySet())))) {
            String target = r.get("target").asString();
            namesById.get(r.get("id").asString()).forEach(name -> byName.put(name, target));
        }
        return byName;
    }

    /**
     * Maps each new entity name to an existing concept when the vector index finds one similar
     * enough (names already present by normalised name need no search).
     */
    private Map<String, String> resolveByEmbedding(List<Fact> facts) {
        if (embedder.isEmpty() || facts.isEmpty()) {
            return Map.of();
        }
        Set<String> names = new LinkedHashSet<>();
        facts.forEach(f -> {
            names.add(f.subject());
            names.add(f.object());
        });
        List<String> candidates = new ArrayList<>();
        Map<String, String> byId = new HashMap<>();
        for (String name : names) {
            byId.put(Names.conceptId(name), name);
        }
        Set<String> known = new HashSet<>();
        for (Record r : graph.query(
                "UNWIND $ids AS id MATCH (c:Concept {id: id}) RETURN id", Map.of("ids", List.copyOf(byId.keySet())))) {
            known.add(r.get("id").asString());
        }
        byId.forEach((id, name) -> {
            if (!known.contains(id)) {
                candidates.add(name);
            }
        });
        if (candidates.isEmpty()) {
            return Map.of();
        }
        List<float[]> vectors = embedder.get().embedDocuments(candidates);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            rows.add(Map.of("name", candidates.get(i), "vector", vectors.get(i)));
        }
        Map<String, String> matched = new HashMap<>(); // concept id of a new name -> the existing concept
        for (Record r : graph.query(
                """
                UNWIND $rows AS r
                CALL (r) {
                  CALL db.index.vector.queryNodes($index, 3, r.vector) YIELD node, score
                  WHERE node.kind = 'entity' AND NOT node:Archived AND score >= $score
                  WITH node, score ORDER BY score DESC
                  RETURN collect([node.id, node.name]) AS candidates
                }
                RETURN r.name AS name, candidates
                """,
                Map.of(
                        "rows",
                        rows,
                        "index",
                        MemorySchema.CONCEPT_VECTOR_INDEX,
                        "score",
                        (1 + settings.dedupSimilarity()) / 2))) {
            String name = r.get("name").asString();
            // Similar is not the same when the names differ in a number, a sign or a version (C and C++, Entity7 and
            // Entity77).
            List<String> tokens = Names.distinguishing(name);
            for (var candidate : r.get("candidates").asList(v -> v.asList(x -> x.asString("")))) {
                if (Names.distinguishing(candidate.get(1)).equals(tokens)) {
                    matched.put(Names.conceptId(name), candidate.get(0));
                    break;
                }
            }
        }
        // Every spelling that normalises to a matched name goes to the same concept ("Gödel" and "godel").
        Map<String, String> byName = new HashMap<>();
        for (String name : names) {
            String target = matched.get(Names.conceptId(name));
            if (target != null) {
                byName.put(name, target);
            }
        }
        return byName;
    }

    /** Embeds what a write touched (not any backlog an import left: that is the embedding stage's job). */
    private void embedWritten(List<Fact> facts, Map<String, String> ids) {
        if (embedder.isEmpty() || facts.isEmpty()) {
            return;
        }
        Set<String> concepts = new LinkedHashSet<>();
        List<String> keys = new ArrayList<>();
        for (Fact f : facts) {
            concepts.add(ids.getOrDefault(f.subject(), Names.conceptId(f.subject())));
            concepts.add(ids.getOrDefault(f.object(), Names.conceptId(f.object())));
            keys.add(Names.factKey(f.subject(), f.predicate(), f.object()));
        }
        new EmbeddingStage(graph, embedder.get(), 256).runFor(List.copyOf(concepts), keys);
    }

    private static void checkSize(List<Fact> facts) {
        if (facts.size() > MAX_FACTS_PER_WRITE) {
            throw new InvalidInputException(
                    "One write is limited to " + MAX_FACTS_PER_WRITE + " facts, got " + facts.size() + ".",
                    Remedy.of(Remedy.Action.IMPORT_IN_BATCHES));
        }
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
