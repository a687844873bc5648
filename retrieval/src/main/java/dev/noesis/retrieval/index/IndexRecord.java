package dev.noesis.retrieval.index;

import dev.noesis.core.embedding.Embedder;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.Remedy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;

/**
 * What an index records about itself in each commit: its layout version, the embedding model of
 * its vectors (and their dimensions) and the analyzer of its words. An index is opened only with
 * an embedder and analyzer that match, because other vectors or terms would not.
 *
 * @param data the commit's user data, as Lucene keeps it
 */
record IndexRecord(Map<String, String> data) {

    static final String SCHEMA_KEY = "noesis.schema";
    static final String EMBEDDER_KEY = "noesis.embedder";
    static final String DIMENSIONS_KEY = "noesis.dimensions";
    static final String ANALYZER_KEY = "noesis.analyzer";
    static final String SCHEMA = "1";
    /** What {@link #EMBEDDER_KEY} holds for an index without vectors (and what an index that lacks the key is taken for). */
    static final String NO_EMBEDDER = "none";

    IndexRecord {
        data = Map.copyOf(data);
    }

    /** The record of the directory's latest commit. */
    static IndexRecord latest(Directory directory) throws IOException {
        return new IndexRecord(SegmentInfos.readLatestCommit(directory).getUserData());
    }

    /** What a writer records for an index with this embedder (null: none) and these settings. */
    static Map<String, String> describing(Embedder embedder, IndexSettings settings) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(SCHEMA_KEY, SCHEMA);
        data.put(EMBEDDER_KEY, stored(embeddingOf(embedder)));
        data.put(DIMENSIONS_KEY, embedder == null ? "0" : Integer.toString(embedder.dimensions()));
        data.put(ANALYZER_KEY, settings.analyzer());
        return data;
    }

    /** What an index written with this embedder (null: none) holds. */
    static IndexEmbedding embeddingOf(Embedder embedder) {
        return embedder == null ? IndexEmbedding.WORDS_ONLY : IndexEmbedding.of(embedder.name());
    }

    private static String stored(IndexEmbedding embedding) {
        return embedding.model().orElse(NO_EMBEDDER);
    }

    /** What the index's vectors are, as recorded. */
    IndexEmbedding embedding() {
        String recorded = data.getOrDefault(EMBEDDER_KEY, NO_EMBEDDER);
        return recorded.equals(NO_EMBEDDER) || recorded.isBlank()
                ? IndexEmbedding.WORDS_ONLY
                : IndexEmbedding.of(recorded);
    }

    /** The recorded analyzer, else the given one (indexes that predate the record). */
    String analyzerOr(String fallback) {
        return data.getOrDefault(ANALYZER_KEY, fallback);
    }

    /**
     * Refuses to open the index with an embedder (that makes {@code wanted}) or settings that do
     * not match what it holds. A read-only index takes its analyzer from the record, so only a
     * writer must name the same one.
     */
    void check(Path dir, IndexEmbedding wanted, Embedder embedder, IndexSettings settings, boolean readOnly) {
        String schema = data.get(SCHEMA_KEY);
        if (schema != null && !schema.equals(SCHEMA)) {
            throw new InvalidInputException("The index " + dir + " has layout " + schema
                    + "; this version of Noesis reads layout " + SCHEMA + ". Ingest into a new index folder.");
        }
        IndexEmbedding recorded = embedding();
        if (recorded.wordsOnly() && !wanted.wordsOnly()) {
            throw new InvalidInputException(
                    "The index " + dir + " holds no embeddings (it was built without an embedding"
                            + " model), so it is searched by words only.",
                    Remedy.of(Remedy.Action.SEARCH_BY_WORDS));
        }
        if (!recorded.equals(wanted)) {
            String model = recorded.label();
            throw new InvalidInputException(
                    "The index " + dir + " holds embeddings from '" + model + "', not '" + wanted.label() + "'.",
                    Remedy.of(Remedy.Action.USE_INDEX_EMBEDDING_MODEL, model));
        }
        String dims = data.get(DIMENSIONS_KEY);
        if (embedder != null && dims != null && !dims.equals(Integer.toString(embedder.dimensions()))) {
            throw new InvalidInputException(
                    "The index " + dir + " holds " + dims + "-dimensional vectors; the model " + embedder.name()
                            + " makes " + embedder.dimensions() + ". Use another index folder (noesis.index.dir).");
        }
        String analyzer = data.get(ANALYZER_KEY);
        if (!readOnly && analyzer != null && !analyzer.equals(settings.analyzer())) {
            throw new InvalidInputException("The index " + dir + " analyses text with the " + analyzer
                    + " analyzer, not " + settings.analyzer() + ". Use the same analyzer, or another index folder.");
        }
    }
}
