package dev.noesis.benchmarks.beir;

import dev.noesis.benchmarks.Latencies;
import dev.noesis.core.embedding.Embedder;
import dev.noesis.core.retrieval.Passage;
import dev.noesis.core.retrieval.RetrievalQuery;
import dev.noesis.retrieval.chunking.Chunk;
import dev.noesis.retrieval.index.FusionSettings;
import dev.noesis.retrieval.index.IndexSettings;
import dev.noesis.retrieval.index.IndexedDocument;
import dev.noesis.retrieval.index.LuceneHybridIndex;
import dev.noesis.retrieval.index.SearchMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a BEIR collection through a {@link LuceneHybridIndex} the way the published baselines do:
 * every document is one passage (its title and text together, cut only by the embedding model's
 * window), every judged query retrieves 100 documents, and the ranking is scored with nDCG@10,
 * Recall@100 and MRR@10, averaged over queries. Query latency covers the whole search, query
 * embedding included.
 */
public final class BeirEvaluation {

    /** Results per query: enough for Recall@100. */
    public static final int DEPTH = 100;

    private static final int WARM_UP_QUERIES = 10;
    private static final int EMBED_BATCH = 32;
    private static final int COMMIT_EVERY = 2048;

    /** Reports progress: a phase, how much of it is done, and its total. */
    public interface Progress {
        void update(String phase, long done, long total);

        Progress NONE = (phase, done, total) -> {};
    }

    /**
     * The scores of one mode.
     *
     * @param latency time per query, query embedding included
     */
    public record Result(
            String dataset,
            String split,
            SearchMode mode,
            int queries,
            double ndcg10,
            double recall100,
            double mrr10,
            Latencies latency) {}

    private BeirEvaluation() {}

    /**
     * An index of the collection's corpus in {@code cacheRoot}, built unless an earlier run left a
     * complete one there for the same corpus file, embedding model and analyzer.
     *
     * @param embedder the model for the dense part, or null for a BM25-only index
     * @param rebuild  build afresh even when a complete index exists
     */
    public static LuceneHybridIndex prepareIndex(
            Path cacheRoot,
            BeirDataset data,
            Embedder embedder,
            IndexSettings settings,
            boolean rebuild,
            Progress progress) {
        String key = data.name() + "-" + sha256(data.corpusFile()).substring(0, 12) + "-"
                + (embedder == null ? "bm25" : embedder.name().replaceAll("[^A-Za-z0-9._-]", "_")) + "-"
                + settings.analyzer();
        Path dir = cacheRoot.resolve(key);
        long size = data.corpusSize();
        if (rebuild) {
            LuceneHybridIndex.delete(dir);
        }
        LuceneHybridIndex index = LuceneHybridIndex.open(dir, embedder, settings);
        try {
            if (index.stats().documents() != size) {
                // An interrupted build resumes: documents already committed are not embedded again.
                indexCorpus(index, data, size, index.contentHashes().keySet(), progress);
            }
            return index;
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    /**
     * Adds every corpus document not in {@code present} as one chunk (replacing any with the same
     * id), committing every few thousand, and returns the number of documents seen.
     */
    public static long indexCorpus(
            LuceneHybridIndex index, BeirDataset data, long total, Set<String> present, Progress progress) {
        List<BeirDocument> batch = new ArrayList<>(EMBED_BATCH);
        long[] done = {0};
        long[] uncommitted = {0};
        data.forEachDocument(doc -> {
            done[0]++;
            if (!present.contains(doc.id())) {
                batch.add(doc);
            }
            if (batch.size() == EMBED_BATCH) {
                add(index, batch);
                uncommitted[0] += batch.size();
                batch.clear();
                if (uncommitted[0] >= COMMIT_EVERY) {
                    index.commit();
                    uncommitted[0] = 0;
                }
            }
            progress.update("indexing", done[0], total);
        });
        add(index, batch);
        progress.update("indexing", done[0], total);
        index.commit();
        return done[0];
    }

    private static void add(LuceneHybridIndex index, List<BeirDocument> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<IndexedDocument> docs = new ArrayList<>(batch.size());
        List<Chunk> chunks = new ArrayList<>(batch.size());
        List<String> texts = new ArrayList<>(batch.size());
        for (BeirDocument b : batch) {
            IndexedDocument d = new IndexedDocument(b.id(), b.id(), b.title(), "beir", List.of(), null, "", Map.of());
            Chunk c = new Chunk(0, b.text(), "");
            docs.add(d);
            chunks.add(c);
            texts.add(LuceneHybridIndex.embeddingText(d, c));
        }
        List<float[]> vectors =
                index.embedder().map(e -> e.embedDocuments(texts)).orElse(null);
        for (int i = 0; i < docs.size(); i++) {
            index.upsert(docs.get(i), List.of(chunks.get(i)), vectors == null ? null : List.of(vectors.get(i)));
        }
    }

    /** Runs every judged query in {@code mode} and scores the rankings. */
    public static Result evaluate(
            LuceneHybridIndex index, BeirDataset data, SearchMode mode, FusionSettings fusion, Progress progress) {
        List<Map.Entry<String, String>> queries = new ArrayList<>(data.queries().entrySet());
        for (int i = 0; i < Math.min(WARM_UP_QUERIES, queries.size()); i++) {
            index.search(RetrievalQuery.of(queries.get(i).getValue(), DEPTH), mode, fusion);
        }
        long[] nanos = new long[queries.size()];
        double ndcg = 0;
        double recall = 0;
        double mrr = 0;
        for (int i = 0; i < queries.size(); i++) {
            Map.Entry<String, String> q = queries.get(i);
            long t0 = System.nanoTime();
            List<String> ranked = rank(index, q.getValue(), mode, fusion);
            nanos[i] = System.nanoTime() - t0;
            Map<String, Integer> judged = data.qrels().get(q.getKey());
            ndcg += RetrievalMetrics.ndcg(ranked, judged, 10);
            recall += RetrievalMetrics.recall(ranked, judged, 100);
            mrr += RetrievalMetrics.reciprocalRank(ranked, judged, 10);
            progress.update("queries (" + mode.label() + ")", i + 1, queries.size());
        }
        int n = queries.size();
        return new Result(data.name(), data.split(), mode, n, ndcg / n, recall / n, mrr / n, Latencies.ofNanos(nanos));
    }

    /** The ids of the {@value #DEPTH} best documents for {@code query}, best first, each once. */
    public static List<String> rank(LuceneHybridIndex index, String query, SearchMode mode, FusionSettings fusion) {
        List<Passage> hits = index.search(RetrievalQuery.of(query, DEPTH), mode, fusion);
        return hits.stream().map(Passage::documentId).distinct().toList();
    }

    /** The SHA-256 of a file, in hex: what an index of a corpus is keyed by. */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
