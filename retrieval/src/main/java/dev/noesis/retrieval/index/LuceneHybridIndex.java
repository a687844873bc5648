package dev.noesis.retrieval.index;

import dev.noesis.core.embedding.Embedder;
import dev.noesis.core.error.BackendException;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.Remedy;
import dev.noesis.core.retrieval.Passage;
import dev.noesis.core.retrieval.RetrievalQuery;
import dev.noesis.core.retrieval.Retriever;
import dev.noesis.retrieval.chunking.Chunk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;

/**
 * One Lucene index for hybrid retrieval. Each chunk is a Lucene document with a BM25 text field
 * (title, section and text, analysed), an HNSW vector field (the chunk's embedding; vectors are
 * unit length, so Lucene's dot product is their cosine), and metadata fields to filter on:
 * document id, source, title, type, tags, modification and ingestion times, and free
 * {@code meta.*} keys.
 *
 * <p>A document's chunks are replaced together, atomically, by id ({@link #upsert}), so
 * re-ingesting never duplicates. Changes are durable at {@link #commit()} (Lucene fsyncs the
 * commit point); a process killed between commits loses only what came after the last one, and
 * the index opens as of that commit. Searches see writes made through this object without a
 * commit (near-real-time readers, refreshed by the searching thread when something changed, so
 * writers never wait for readers). A read-only index ({@link #openReadOnly}) sees the last commit
 * and can be opened while another process writes.
 *
 * <p>The embedding model and the analyzer are recorded in the index; opening it with others is
 * refused, because their vectors and terms would not match.
 */
public final class LuceneHybridIndex implements Retriever {

    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final Searchers searchers;
    private final Embedder embedder;
    private final IndexSettings settings;
    private final Analyzer analyzer;
    private final IndexEmbedding embedding;

    private LuceneHybridIndex(
            Path path,
            Directory directory,
            IndexWriter writer,
            Searchers searchers,
            Embedder embedder,
            IndexSettings settings,
            Analyzer analyzer,
            IndexEmbedding embedding) {
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.embedder = embedder;
        this.settings = settings;
        this.analyzer = analyzer;
        this.embedding = embedding;
    }

    /**
     * Opens the index in {@code dir} for reading and writing, creating it if needed.
     *
     * @param embedder the model for chunk and query vectors, or null for a BM25-only index
     * @throws InvalidInputException when the index was built with another embedder or analyzer
     * @throws BackendException      when another process is writing to it
     */
    public static LuceneHybridIndex open(Path dir, Embedder embedder, IndexSettings settings) {
        IndexEmbedding wanted = IndexRecord.embeddingOf(embedder);
        Directory directory = null;
        IndexWriter writer = null;
        Analyzer analyzer = settings.newAnalyzer();
        try {
            Files.createDirectories(dir);
            directory = FSDirectory.open(dir);
            boolean exists = DirectoryReader.indexExists(directory);
            if (exists) {
                IndexRecord.latest(directory).check(dir, wanted, embedder, settings, false);
            }
            writer = new IndexWriter(directory, writerConfig(analyzer, settings));
            writer.setLiveCommitData(IndexRecord.describing(embedder, settings).entrySet());
            if (!exists) {
                writer.commit(); // so that readers (and other processes) can open it at once
            }
            Searchers searchers = Searchers.overWriter(dir, writer, settings);
            return new LuceneHybridIndex(dir, directory, writer, searchers, embedder, settings, analyzer, wanted);
        } catch (LockObtainFailedException e) {
            release(writer, directory, analyzer);
            throw beingWritten(dir, e);
        } catch (IOException e) {
            release(writer, directory, analyzer);
            throw new BackendException("Cannot open the index " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            release(writer, directory, analyzer);
            throw e;
        }
    }

    /**
     * Opens an existing index to take documents out of it, without the embedding model that
     * removing does not need: what the index records is kept as it is, and adding chunks to an
     * index with vectors is refused.
     *
     * @throws InvalidInputException with the remedy {@link Remedy.Action#INGEST_DOCUMENTS} when {@code dir} holds no index
     * @throws BackendException      when another process is writing to it
     */
    public static LuceneHybridIndex openToRemove(Path dir, IndexSettings settings) {
        Directory directory = null;
        IndexWriter writer = null;
        Analyzer analyzer = null;
        try {
            directory = existingIndex(dir);
            IndexRecord record = IndexRecord.latest(directory);
            record.check(dir, record.embedding(), null, settings, true);
            IndexSettings actual = settings.withAnalyzer(record.analyzerOr(settings.analyzer()));
            analyzer = actual.newAnalyzer();
            writer = new IndexWriter(directory, writerConfig(analyzer, actual));
            writer.setLiveCommitData(record.data().entrySet());
            Searchers searchers = Searchers.overWriter(dir, writer, actual);
            return new LuceneHybridIndex(dir, directory, writer, searchers, null, actual, analyzer, record.embedding());
        } catch (LockObtainFailedException e) {
            release(writer, directory, analyzer);
            throw beingWritten(dir, e);
        } catch (IOException e) {
            release(writer, directory, analyzer);
            throw new BackendException("Cannot open the index " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            release(writer, directory, analyzer);
            throw e;
        }
    }

    private static IndexWriterConfig writerConfig(Analyzer analyzer, IndexSettings settings) {
        return new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setSimilarity(Searchers.similarity(settings))
                .setRAMBufferSizeMB(64);
    }

    private static BackendException beingWritten(Path dir, LockObtainFailedException e) {
        return new BackendException(
                "The index " + dir + " is being written by another process (an ingest?). Wait for it to"
                        + " finish, or use another index folder (noesis.index.dir).",
                e);
    }

    /** The directory of the index in {@code dir}, open; refused when there is none. */
    private static Directory existingIndex(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(
                    "There is no index at " + dir + ".", Remedy.of(Remedy.Action.INGEST_DOCUMENTS, dir.toString()));
        }
        Directory directory = FSDirectory.open(dir);
        if (!DirectoryReader.indexExists(directory)) {
            closeQuietly(directory);
            throw new InvalidInputException(
                    "The folder " + dir + " holds no index.",
                    Remedy.of(Remedy.Action.INGEST_DOCUMENTS, dir.toString()));
        }
        return directory;
    }

    /** Deletes an index folder and everything in it (nothing when it does not exist). The index must not be open. */
    public static void delete(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new BackendException("Cannot delete the index " + dir + ": " + e.getMessage(), e);
        }
    }

    /** After a failed open: drops the writer without committing (freeing its lock), then the directory. */
    private static void release(IndexWriter writer, Directory directory, Analyzer analyzer) {
        if (writer != null) {
            try {
                writer.rollback();
            } catch (IOException | RuntimeException ignored) {
                // the open already failed; that failure is the one to report
            }
        }
        closeQuietly(directory);
        if (analyzer != null) {
            analyzer.close();
        }
    }

    /**
     * Opens an existing index for searching only, as of its last commit (later commits are picked
     * up as searches run). Works while another process writes to it.
     *
     * @param embedder the model for query vectors (must be the one the index was built with), or null for BM25 only
     * @throws InvalidInputException with the remedy {@link Remedy.Action#INGEST_DOCUMENTS} when {@code dir} holds no index
     */
    public static LuceneHybridIndex openReadOnly(Path dir, Embedder embedder, IndexSettings settings) {
        Directory directory = null;
        try {
            directory = existingIndex(dir);
            IndexRecord record = IndexRecord.latest(directory);
            IndexEmbedding recorded = record.embedding();
            record.check(
                    dir, embedder == null ? recorded : IndexRecord.embeddingOf(embedder), embedder, settings, true);
            IndexSettings actual = settings.withAnalyzer(record.analyzerOr(settings.analyzer()));
            Searchers searchers = Searchers.overCommits(dir, directory, actual);
            return new LuceneHybridIndex(
                    dir, directory, null, searchers, embedder, actual, actual.newAnalyzer(), recorded);
        } catch (IOException e) {
            closeQuietly(directory);
            throw new BackendException("Cannot open the index " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(directory);
            throw e;
        }
    }

    /**
     * What an existing index holds, words only or vectors from a named model, read without opening
     * it for search; empty when there is no index in {@code dir}.
     */
    public static Optional<IndexEmbedding> recordedEmbedding(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Directory directory = FSDirectory.open(dir)) {
            if (!DirectoryReader.indexExists(directory)) {
                return Optional.empty();
            }
            return Optional.of(IndexRecord.latest(directory).embedding());
        } catch (IOException e) {
            throw new BackendException("Cannot read the index " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "index";
    }

    public Path path() {
        return path;
    }

    public IndexSettings settings() {
        return settings;
    }

    /** The embedding model, if the index has one. */
    public Optional<Embedder> embedder() {
        return Optional.ofNullable(embedder);
    }

    /** What the index holds: words only, or vectors from a named model. */
    public IndexEmbedding embedding() {
        return embedding;
    }

    public boolean readOnly() {
        return writer == null;
    }

    // ---------------------------------------------------------------- writing

    /**
     * Adds a document, or replaces every chunk of the document with the same id, embedding the
     * chunks first. A document without chunks is removed.
     */
    public void upsert(IndexedDocument document, List<Chunk> chunks) {
        List<float[]> vectors = null;
        if (embedder != null && !chunks.isEmpty()) {
            vectors = embedder.embedDocuments(
                    chunks.stream().map(c -> embeddingText(document, c)).toList());
        }
        upsert(document, chunks, vectors);
    }

    /** As {@link #upsert(IndexedDocument, List)}, with vectors already computed (one per chunk, or null without an embedder). */
    public void upsert(IndexedDocument document, List<Chunk> chunks, List<float[]> vectors) {
        IndexWriter w = writable();
        if (embedder == null && !embedding.wordsOnly() && !chunks.isEmpty()) {
            throw new IllegalStateException(
                    "The index " + path + " was opened to remove documents: adding them needs its embedding"
                            + " model, " + embedding.label());
        }
        if (embedder != null && !chunks.isEmpty() && (vectors == null || vectors.size() != chunks.size())) {
            throw new IllegalArgumentException("One vector per chunk is needed: " + chunks.size() + " chunks, "
                    + (vectors == null ? "no" : vectors.size()) + " vectors");
        }
        long ingested = System.currentTimeMillis();
        List<Document> docs = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            float[] vector = embedder == null ? null : vectors.get(i);
            if (vector != null && vector.length != embedder.dimensions()) {
                throw new IllegalArgumentException(
                        "A vector of " + vector.length + " dimensions for an index of " + embedder.dimensions());
            }
            docs.add(ChunkFields.of(document, chunks.get(i), vector, ingested));
        }
        try {
            Term id = new Term(ChunkFields.DOC_ID, document.id());
            if (docs.isEmpty()) {
                w.deleteDocuments(id);
            } else {
                w.updateDocuments(id, docs);
            }
        } catch (IOException e) {
            throw new BackendException(
                    "Cannot write " + document.id() + " to the index " + path + ": " + e.getMessage(), e);
        }
        searchers.changed();
    }

    /** The text a chunk is searched by, in both rankings: the title, the headings above it, and its text. */
    public static String embeddingText(IndexedDocument document, Chunk chunk) {
        return ChunkFields.searchText(document, chunk);
    }

    /** Removes every chunk of a document; returns whether it was there. */
    public boolean delete(String documentId) {
        IndexWriter w = writable();
        boolean present = chunkCount(documentId) > 0;
        try {
            w.deleteDocuments(new Term(ChunkFields.DOC_ID, documentId));
        } catch (IOException e) {
            throw new BackendException(
                    "Cannot delete " + documentId + " from the index " + path + ": " + e.getMessage(), e);
        }
        searchers.changed();
        return present;
    }

    /** Makes every change so far durable: after this returns, a crash loses none of it. */
    public void commit() {
        try {
            writable().commit();
        } catch (IOException e) {
            throw new BackendException("Cannot commit the index " + path + ": " + e.getMessage(), e);
        }
    }

    private IndexWriter writable() {
        if (writer == null) {
            throw new IllegalStateException("The index " + path + " was opened read-only");
        }
        return writer;
    }

    // ---------------------------------------------------------------- reading

    @Override
    public List<Passage> retrieve(RetrievalQuery query) {
        return search(query, hasEmbeddings() ? SearchMode.HYBRID : SearchMode.BM25);
    }

    public List<Passage> search(RetrievalQuery query, SearchMode mode) {
        return search(query, mode, settings.fusion());
    }

    /** Searches with the given mode and fusion, embedding the query when the mode needs it. */
    public List<Passage> search(RetrievalQuery query, SearchMode mode, FusionSettings fusion) {
        float[] vector = null;
        if (mode.needsEmbeddings()) {
            vector = requireEmbedder(mode).embedQuery(query.text());
        }
        return search(query, mode, fusion, vector);
    }

    /** Searches with a query vector computed elsewhere (benchmarks, or a cache of query embeddings). */
    public List<Passage> search(RetrievalQuery query, SearchMode mode, FusionSettings fusion, float[] queryVector) {
        if (mode.needsEmbeddings()) {
            requireEmbedder(mode);
            Objects.requireNonNull(queryVector, "queryVector");
        }
        return searchers.with("Searching", s -> RankedSearch.run(s, analyzer, query, mode, fusion, queryVector));
    }

    /** Whether queries can be embedded: an embedder was given, and the index holds vectors. */
    private boolean hasEmbeddings() {
        return embedder != null && !embedding.wordsOnly();
    }

    private Embedder requireEmbedder(SearchMode mode) {
        if (!hasEmbeddings()) {
            throw new InvalidInputException(
                    "A " + mode.label() + " search needs embeddings, and the index " + path
                            + " has none (it was built for BM25 only).",
                    Remedy.of(Remedy.Action.SEARCH_BY_WORDS));
        }
        return embedder;
    }

    /** Each document's content hash, by id (to skip sources that have not changed). */
    public Map<String, String> contentHashes() {
        Map<String, String> out = new HashMap<>();
        Set<String> fields = Set.of(ChunkFields.DOC_ID, ChunkFields.CONTENT_HASH);
        searchers.with("Reading", s -> {
            TopDocs all = s.search(firstChunks(), Math.max(1, s.getIndexReader().maxDoc()));
            StoredFields stored = s.storedFields();
            for (ScoreDoc h : all.scoreDocs) {
                Document d = stored.document(h.doc, fields);
                out.put(d.get(ChunkFields.DOC_ID), d.get(ChunkFields.CONTENT_HASH));
            }
            return null;
        });
        return out;
    }

    /** How many chunks a document has in the index (0 when it is not there). */
    public int chunkCount(String documentId) {
        return (int) countChunks(new TermQuery(new Term(ChunkFields.DOC_ID, documentId)));
    }

    public IndexStats stats() {
        long docs = countChunks(firstChunks());
        long chunks = countChunks(new MatchAllDocsQuery());
        return new IndexStats(docs, chunks, embedding.label(), settings.analyzer());
    }

    /** Number of segments of the current reader: search cost grows with it (each has its own HNSW graph). */
    public int segmentCount() {
        return searchers.with("Reading", s -> s.getIndexReader().leaves().size());
    }

    /** One chunk per document: its first. */
    private static Query firstChunks() {
        return IntPoint.newExactQuery(ChunkFields.CHUNK_INDEX, 0);
    }

    private long countChunks(Query q) {
        return searchers.with("Reading", s -> s.count(q));
    }

    /** Every live chunk with its vector, in index order (for benchmarks and exports). */
    public void forEachChunk(Consumer<StoredChunk> visitor) {
        searchers.with("Reading", s -> {
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                Bits live = leaf.reader().getLiveDocs();
                StoredFields stored = leaf.reader().storedFields();
                FloatVectorValues vectors = leaf.reader().getFloatVectorValues(ChunkFields.VECTOR);
                KnnVectorValues.DocIndexIterator it = vectors == null ? null : vectors.iterator();
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    float[] v = null;
                    if (it != null && (it.docID() < doc ? it.advance(doc) : it.docID()) == doc) {
                        v = vectors.vectorValue(it.index()).clone();
                    }
                    visitor.accept(ChunkFields.storedChunk(stored.document(doc, ChunkFields.STORED_CHUNK), v));
                }
            }
            return null;
        });
    }

    /** Commits (when writable) and closes. The embedder is the caller's to close. */
    @Override
    public void close() {
        try {
            try {
                searchers.close();
            } finally {
                if (writer != null) {
                    writer.close();
                }
            }
        } catch (IOException e) {
            throw new BackendException("Cannot close the index " + path + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(directory);
            if (analyzer != null) {
                analyzer.close();
            }
        }
    }

    private static void closeQuietly(Directory d) {
        if (d != null) {
            try {
                d.close();
            } catch (IOException ignored) {
                // closing after a failure: the failure is what the user needs to see
            }
        }
    }
}
