package dev.noesis.memory.embed;

import dev.noesis.core.embedding.Embedder;
import dev.noesis.core.error.BackendException;
import dev.noesis.memory.graph.Graph;
import dev.noesis.memory.graph.MemorySchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Record;

/**
 * Embeds what has no vector yet: concepts (their names and gloss) and facts (their statement).
 * Resumable by construction: each batch commits on its own, and a run starts from whatever still
 * lacks a vector, so an interrupted run loses at most one batch and the next run finishes the job.
 */
public final class EmbeddingStage {

    /** Called after each batch. */
    public interface Listener {
        void progress(long done, long total);
    }

    /** What a run embedded, how long it took, and the throughput (nodes per second). */
    public record Report(long embedded, Duration elapsed) {
        public double perSecond() {
            return elapsed.isZero() ? 0 : embedded / (elapsed.toNanos() / 1e9);
        }
    }

    private static final List<String> LABELS = List.of("Concept", "Fact");

    private static final String TEXTS = """
            UNWIND $ids AS eid
            MATCH (n) WHERE elementId(n) = eid AND n.embedding IS NULL
            RETURN eid, coalesce(n.text, n.name, n.id) AS text
            """;

    private static final String SOME = """
            UNWIND $concepts AS id
            MATCH (n:Concept {id: id}) WHERE n.embedding IS NULL
            RETURN elementId(n) AS eid
            UNION
            UNWIND $keys AS key
            MATCH (n:Fact {key: key}) WHERE n.embedding IS NULL
            RETURN elementId(n) AS eid
            """;

    private static final String WRITE = """
            UNWIND $rows AS r
            MATCH (n) WHERE elementId(n) = r.eid
            CALL db.create.setNodeVectorProperty(n, 'embedding', r.vector)
            """;

    private final Graph graph;
    private final Embedder embedder;
    private final int batchSize;

    public EmbeddingStage(Graph graph, Embedder embedder, int batchSize) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("embedding batch size must be 1 to 10000, got " + batchSize);
        }
        this.graph = graph;
        this.embedder = embedder;
        this.batchSize = batchSize;
    }

    /** Nodes still without a vector. */
    public long pending() {
        long n = 0;
        for (String label : LABELS) {
            n += graph.query("MATCH (n:" + label + ") WHERE n.embedding IS NULL RETURN count(n) AS n", Map.of())
                    .get(0)
                    .get("n")
                    .asLong();
        }
        return n;
    }

    /** Embeds every node still without a vector. */
    public Report run(Listener listener) {
        List<String> ids = new ArrayList<>();
        for (String label : LABELS) {
            for (Record r : graph.query(
                    "MATCH (n:" + label + ") WHERE n.embedding IS NULL RETURN elementId(n) AS eid", Map.of())) {
                ids.add(r.get("eid").asString());
            }
        }
        return embed(ids, listener);
    }

    /**
     * Embeds the given concepts (by id) and facts (by key, every version) that have no vector yet:
     * what one write touched, leaving any backlog to {@link #run}.
     */
    public Report runFor(List<String> conceptIds, List<String> factKeys) {
        List<String> ids = graph.query(SOME, Map.of("concepts", conceptIds, "keys", factKeys)).stream()
                .map(r -> r.get("eid").asString())
                .toList();
        return embed(ids, (done, total) -> {});
    }

    private Report embed(List<String> ids, Listener listener) {
        long started = System.nanoTime();
        if (ids.isEmpty()) {
            return new Report(0, Duration.ZERO);
        }
        MemorySchema.recordEmbedder(graph, embedder.name(), embedder.dimensions());
        long done = 0;
        listener.progress(0, ids.size());
        for (int from = 0; from < ids.size(); from += batchSize) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + batchSize));
            List<Record> texts = graph.query(TEXTS, Map.of("ids", batch));
            List<String> strings =
                    texts.stream().map(r -> r.get("text").asString()).toList();
            List<float[]> vectors = strings.isEmpty() ? List.of() : embedder.embedDocuments(strings);
            if (vectors.size() != strings.size()) {
                throw new BackendException("The embedder " + embedder.name() + " returned " + vectors.size()
                        + " vectors for " + strings.size() + " texts.");
            }
            List<Map<String, Object>> rows = new ArrayList<>(vectors.size());
            for (int i = 0; i < vectors.size(); i++) {
                float[] v = vectors.get(i);
                if (v.length != embedder.dimensions()) {
                    throw new BackendException("The embedder " + embedder.name() + " returned a vector of " + v.length
                            + " dimensions; it declares " + embedder.dimensions() + ".");
                }
                rows.add(Map.of("eid", texts.get(i).get("eid").asString(), "vector", v));
            }
            if (!rows.isEmpty()) {
                graph.execute(WRITE, Map.of("rows", rows));
            }
            done += rows.size();
            listener.progress(from + batch.size(), ids.size());
        }
        return new Report(done, Duration.ofNanos(System.nanoTime() - started));
    }
}
