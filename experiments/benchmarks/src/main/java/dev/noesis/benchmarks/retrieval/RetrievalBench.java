package dev.noesis.benchmarks.retrieval;

import dev.noesis.benchmarks.Latencies;
import dev.noesis.benchmarks.beir.BeirDataset;
import dev.noesis.benchmarks.beir.BeirDocument;
import dev.noesis.core.embedding.Embedder;
import dev.noesis.core.retrieval.RetrievalQuery;
import dev.noesis.retrieval.chunking.Chunk;
import dev.noesis.retrieval.chunking.Chunker;
import dev.noesis.retrieval.index.FusionSettings;
import dev.noesis.retrieval.index.IndexSettings;
import dev.noesis.retrieval.index.IndexedDocument;
import dev.noesis.retrieval.index.LuceneHybridIndex;
import dev.noesis.retrieval.index.SearchMode;
import dev.noesis.retrieval.index.StoredChunk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The retrieval speed figures, rerunnable: ingestion of a BEIR corpus through the chunker and the
 * embedding model (chunks per second), then hybrid top-k query latency on that index and on one of
 * at least {@code scaleChunks} chunks, with the query embedding counted and without it.
 *
 * <p>The large index is made from the small one: every chunk is repeated with its text and with
 * its vector moved a little at random (cosine about 0.93 to the original) and renormalised, so the
 * HNSW graph has as many distinct points as chunks and BM25 postings grow as they would. Embedding
 * 100,000 fresh chunks would take hours on a small CPU and would not change what is measured:
 * search cost depends on the number and dimension of the vectors and the length of the postings.
 */
public final class RetrievalBench {

    private static final double NOISE = 0.02;
    private static final int WARM_UP = 30;

    /**
     * @param limit       corpus documents to ingest (0 for all)
     * @param scaleChunks chunks in the large index (0 to skip it)
     * @param rounds      how many times the query set is timed
     * @param k           results per query
     * @param workDir     where the indexes are built (emptied first unless {@code reuse})
     * @param reuse       keep indexes a previous run left in {@code workDir}, when complete, instead of rebuilding
     */
    public record Options(int limit, int scaleChunks, int rounds, int k, Path workDir, boolean reuse) {}

    /** Ingestion through chunker, model and index. {@code seconds} includes everything; {@code embedSeconds} the model alone. */
    public record Ingest(long documents, long chunks, double seconds, double embedSeconds) {
        public double chunksPerSecond() {
            return chunks / seconds;
        }
    }

    /** Query latency on one index. */
    public record Latency(
            String index,
            long chunks,
            int segments,
            SearchMode mode,
            int k,
            Latencies withEmbedding,
            Latencies searchOnly) {}

    /** Everything measured. {@code ingest} is null when an index was reused; {@code scaleBuildSeconds} 0 then too. */
    public record Report(
            Ingest ingest,
            Latencies queryEmbedding,
            List<Latency> latencies,
            double scaleBuildSeconds,
            long scaleChunks) {}

    /** Progress: a phase, how much of it is done, and its total. */
    public interface Progress {
        void update(String phase, long done, long total);
    }

    private RetrievalBench() {}

    public static Report run(
            BeirDataset data, Embedder embedder, IndexSettings settings, Options o, Progress progress) {
        TimedEmbedder timed = new TimedEmbedder(embedder);
        Path smallDir = o.workDir().resolve("ingest-" + data.name() + (o.limit() > 0 ? "-" + o.limit() : ""));
        Path scaleDir = o.workDir().resolve("scale-" + o.scaleChunks());
        if (!o.reuse()) {
            LuceneHybridIndex.delete(smallDir);
            LuceneHybridIndex.delete(scaleDir);
        }
        List<String> queries = new ArrayList<>(data.queries().values());
        Ingest ingest = null;
        List<Latency> latencies = new ArrayList<>();
        long total = o.limit() > 0 ? Math.min(o.limit(), data.corpusSize()) : data.corpusSize();
        try (LuceneHybridIndex small = LuceneHybridIndex.open(smallDir, timed, settings)) {
            if (small.stats().documents() != total) {
                ingest = ingest(small, data, total, timed, progress);
            }
            // Query vectors, timed on their own (after a warm-up): the cost a query pays for its embedding.
            for (int i = 0; i < Math.min(WARM_UP, queries.size()); i++) {
                embedder.embedQuery(queries.get(i));
            }
            long[] embedNanos = new long[queries.size()];
            List<float[]> vectors = new ArrayList<>(queries.size());
            for (int i = 0; i < queries.size(); i++) {
                long t0 = System.nanoTime();
                vectors.add(embedder.embedQuery(queries.get(i)));
                embedNanos[i] = System.nanoTime() - t0;
            }
            Latencies queryEmbedding = Latencies.ofNanos(embedNanos);
            latencies.add(latency(small, "ingested corpus", queries, vectors, SearchMode.HYBRID, o, progress));
            latencies.add(latency(small, "ingested corpus", queries, vectors, SearchMode.BM25, o, progress));
            latencies.add(latency(small, "ingested corpus", queries, vectors, SearchMode.DENSE, o, progress));

            double scaleSeconds = 0;
            long scaleChunks = 0;
            if (o.scaleChunks() > 0) {
                try (LuceneHybridIndex scale = LuceneHybridIndex.open(scaleDir, timed, settings)) {
                    if (scale.stats().chunks() < o.scaleChunks()) {
                        long t0 = System.nanoTime();
                        replicate(small, scale, o.scaleChunks(), progress);
                        scaleSeconds = (System.nanoTime() - t0) / 1e9;
                    }
                    scaleChunks = scale.stats().chunks();
                    latencies.add(latency(scale, "scaled", queries, vectors, SearchMode.HYBRID, o, progress));
                    latencies.add(latency(scale, "scaled", queries, vectors, SearchMode.BM25, o, progress));
                    latencies.add(latency(scale, "scaled", queries, vectors, SearchMode.DENSE, o, progress));
                }
            }
            return new Report(ingest, queryEmbedding, latencies, scaleSeconds, scaleChunks);
        }
    }

    private static Ingest ingest(
            LuceneHybridIndex index, BeirDataset data, long total, TimedEmbedder timed, Progress progress) {
        Chunker chunker = Chunker.defaults();
        long t0 = System.nanoTime();
        timed.reset();
        long[] counts = new long[2];
        data.forEachDocument(new java.util.function.Consumer<>() {
            @Override
            public void accept(BeirDocument b) {
                if (counts[0] >= total) {
                    return;
                }
                List<Chunk> chunks = chunker.chunkText(b.text());
                index.upsert(
                        new IndexedDocument(b.id(), b.id(), b.title(), "beir", List.of(), null, "", java.util.Map.of()),
                        chunks);
                counts[0]++;
                counts[1] += chunks.size();
                progress.update("ingesting", counts[0], total);
            }
        });
        index.commit();
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Ingest(counts[0], counts[1], seconds, timed.nanos() / 1e9);
    }

    private static void replicate(LuceneHybridIndex from, LuceneHybridIndex to, long target, Progress progress) {
        List<StoredChunk> chunks = new ArrayList<>();
        from.forEachChunk(chunks::add);
        if (chunks.isEmpty()) {
            throw new IllegalStateException("The ingested index is empty");
        }
        int copies = (int) ((target + chunks.size() - 1) / chunks.size());
        Random random = new Random(42);
        long done = 0;
        long total = (long) copies * chunks.size();
        for (int c = 0; c < copies; c++) {
            for (StoredChunk s : chunks) {
                float[] v = c == 0 ? s.vector() : jitter(s.vector(), random);
                IndexedDocument doc = new IndexedDocument(
                        s.documentId() + "~" + c + "#" + s.chunkIndex(),
                        s.documentId(),
                        s.title(),
                        "bench",
                        List.of(),
                        null,
                        "",
                        java.util.Map.of());
                to.upsert(doc, List.of(new Chunk(0, s.text(), s.section())), List.of(v));
                if (++done % 1000 == 0 || done == total) {
                    progress.update("building the scaled index", done, total);
                }
            }
        }
        to.commit();
    }

    private static float[] jitter(float[] v, Random random) {
        float[] out = new float[v.length];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] + random.nextGaussian() * NOISE);
            sum += (double) out[i] * out[i];
        }
        float inv = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < out.length; i++) {
            out[i] *= inv;
        }
        return out;
    }

    private static Latency latency(
            LuceneHybridIndex index,
            String name,
            List<String> queries,
            List<float[]> vectors,
            SearchMode mode,
            Options o,
            Progress progress) {
        FusionSettings fusion = index.settings().fusion();
        for (int i = 0; i < Math.min(WARM_UP, queries.size()); i++) {
            index.search(RetrievalQuery.of(queries.get(i), o.k()), mode, fusion, vectors.get(i));
        }
        int n = queries.size() * o.rounds();
        long[] searchOnly = new long[n];
        long[] withEmbedding = new long[n];
        for (int r = 0; r < o.rounds(); r++) {
            for (int i = 0; i < queries.size(); i++) {
                RetrievalQuery q = RetrievalQuery.of(queries.get(i), o.k());
                long t0 = System.nanoTime();
                index.search(q, mode, fusion, vectors.get(i));
                searchOnly[r * queries.size() + i] = System.nanoTime() - t0;
                if (mode != SearchMode.BM25) {
                    t0 = System.nanoTime();
                    index.search(q, mode, fusion);
                    withEmbedding[r * queries.size() + i] = System.nanoTime() - t0;
                }
                progress.update(
                        "timing " + mode.label() + " on the " + name + " index", (long) r * queries.size() + i + 1, n);
            }
        }
        return new Latency(
                name,
                index.stats().chunks(),
                index.segmentCount(),
                mode,
                o.k(),
                mode == SearchMode.BM25 ? Latencies.ofNanos(searchOnly) : Latencies.ofNanos(withEmbedding),
                Latencies.ofNanos(searchOnly));
    }

    /** Counts the time spent in the model, to separate embedding from indexing. */
    private static final class TimedEmbedder implements Embedder {
        private final Embedder delegate;
        private final AtomicLong nanos = new AtomicLong();

        TimedEmbedder(Embedder delegate) {
            this.delegate = delegate;
        }

        void reset() {
            nanos.set(0);
        }

        long nanos() {
            return nanos.get();
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public int dimensions() {
            return delegate.dimensions();
        }

        @Override
        public List<float[]> embedDocuments(List<String> texts) {
            long t0 = System.nanoTime();
            try {
                return delegate.embedDocuments(texts);
            } finally {
                nanos.addAndGet(System.nanoTime() - t0);
            }
        }

        @Override
        public float[] embedQuery(String text) {
            return delegate.embedQuery(text);
        }
    }
}
