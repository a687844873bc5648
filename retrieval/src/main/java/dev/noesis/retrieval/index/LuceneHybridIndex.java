package dev.noesis.retrieval.index;

import dev.noesis.core.embedding.Embedder;
import dev.noesis.core.error.BackendException;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.retrieval.MetadataFilter;
import dev.noesis.core.retrieval.Passage;
import dev.noesis.core.retrieval.RetrievalQuery;
import dev.noesis.core.retrieval.Retriever;
import dev.noesis.retrieval.chunking.Chunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
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

    static final String CHUNK_ID = "chunk_id";
    static final String DOC_ID = "doc_id";
    static final String SOURCE = "source";
    static final String TITLE = "title";
    static final String TYPE = "type";
    static final String TAG = "tag";
    static final String MODIFIED = "modified";
    static final String INGESTED = "ingested";
    static final String CONTENT_HASH = "content_hash";
    static final String CHUNK_INDEX = "chunk_index";
    static final String SECTION = "section";
    static final String TEXT = "text";
    static final String BODY = "body";
    static final String VECTOR = "vector";
    static final String META = "meta.";

    static final String SCHEMA_KEY = "noesis.schema";
    static final String EMBEDDER_KEY = "noesis.embedder";
    static final String DIMENSIONS_KEY = "noesis.dimensions";
    static final String ANALYZER_KEY = "noesis.analyzer";
    static final String SCHEMA = "1";
    static final String NO_EMBEDDER = "none";

    private static final Set<String> LOAD = Set.of(CHUNK_ID, DOC_ID, SOURCE, TITLE, SECTION, TEXT);

    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Embedder embedder;
    private final IndexSettings settings;
    private final Analyzer analyzer;
    private final String embedderName;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong refreshed = new AtomicLong();
    private final AtomicLong lastCommitCheck = new AtomicLong(System.nanoTime());

    private LuceneHybridIndex(Path path, Directory directory, IndexWriter writer, SearcherManager searchers, Embedder embedder,
            IndexSettings settings, Analyzer analyzer, String embedderName) {
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.embedder = embedder;
        this.settings = settings;
        this.analyzer = analyzer;
        this.embedderName = embedderName;
    }

    /**
     * Opens the index in {@code dir} for reading and writing, creating it if needed.
     *
     * @param embedder the model for chunk and query vectors, or null for a BM25-only index
     * @throws InvalidInputException when the index was built with another embedder or analyzer
     * @throws BackendException      when another process is writing to it
     */
    public static LuceneHybridIndex open(Path dir, Embedder embedder, IndexSettings settings) {
        String wanted = embedder == null ? NO_EMBEDDER : embedder.name();
        Directory directory = null;
        IndexWriter writer = null;
        Analyzer analyzer = settings.newAnalyzer();
        try {
            Files.createDirectories(dir);
            directory = FSDirectory.open(dir);
            boolean exists = DirectoryReader.indexExists(directory);
            if (exists) {
                check(dir, SegmentInfos.readLatestCommit(directory).getUserData(), wanted, embedder, settings, false);
            }
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setSimilarity(similarity(settings))
                    .setRAMBufferSizeMB(64);
            writer = new IndexWriter(directory, config);
            Map<String, String> data = new LinkedHashMap<>();
            data.put(SCHEMA_KEY, SCHEMA);
            data.put(EMBEDDER_KEY, wanted);
            data.put(DIMENSIONS_KEY, embedder == null ? "0" : Integer.toString(embedder.dimensions()));
            data.put(ANALYZER_KEY, settings.analyzer());
            writer.setLiveCommitData(data.entrySet());
            if (!exists) {
                writer.commit(); // so that readers (and other processes) can open it at once
            }
            SearcherManager searchers = new SearcherManager(writer, true, false, searcherFactory(settings));
            return new LuceneHybridIndex(dir, directory, writer, searchers, embedder, settings, analyzer, wanted);
        } catch (LockObtainFailedException e) {
            release(writer, directory, analyzer);
            throw new BackendException("The index " + dir + " is being written by another process (an ingest?). Wait for it to"
                    + " finish, or use another index folder (noesis.index.dir).", e);
        } catch (IOException e) {
            release(writer, directory, analyzer);
            throw new BackendException("Cannot open the index " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            release(writer, directory, analyzer);
            throw e;
        }
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
        analyzer.close();
    }

    /**
     * Opens an existing index for searching only, as of its last commit (later commits are picked
     * up as searches run). Works while another process writes to it.
     *
     * @param embedder the model for query vectors (must be the one the index was built with), or null for BM25 only
     */
    public static LuceneHybridIndex openReadOnly(Path dir, Embedder embedder, IndexSettings settings) {
        Directory directory = null;
        try {
            if (!Files.isDirectory(dir)) {
                throw new InvalidInputException("There is no index at " + dir + ". Add documents with `noesis ingest PATH...` first,"
                        + " or point noesis.index.dir at an index.");
            }
            directory = FSDirectory.open(dir);
            if (!DirectoryReader.indexExists(directory)) {
                throw new InvalidInputException("The folder " + dir + " holds no index. Add documents with `noesis ingest PATH...`"
                        + " first, or point noesis.index.dir at an index.");
            }
            Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
            String recorded = data.getOrDefault(EMBEDDER_KEY, NO_EMBEDDER);
            check(dir, data, embedder == null ? recorded : embedder.name(), embedder, settings, true);
            IndexSettings actual = settings.withAnalyzer(data.getOrDefault(ANALYZER_KEY, settings.analyzer()));
            SearcherManager searchers = new SearcherManager(directory, searcherFactory(actual));
            return new LuceneHybridIndex(dir, directory, null, searchers, embedder, actual, actual.newAnalyzer(), recorded);
        } catch (IOException e) {
            closeQuietly(directory);
            throw new BackendException("Cannot open the index " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(directory);
            throw e;
        }
    }

    /**
     * The embedding model an existing index was built with ({@code none} for BM25 only), without
     * opening it for search; empty when there is no index in {@code dir}.
     */
    public static java.util.Optional<String> recordedEmbedder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return java.util.Optional.empty();
        }
        try (Directory directory = FSDirectory.open(dir)) {
            if (!DirectoryReader.indexExists(directory)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(SegmentInfos.readLatestCommit(directory).getUserData().getOrDefault(EMBEDDER_KEY, NO_EMBEDDER));
        } catch (IOException e) {
            throw new BackendException("Cannot read the index " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void check(Path dir, Map<String, String> data, String wanted, Embedder embedder, IndexSettings settings,
            boolean readOnly) throws IOException {
        String schema = data.get(SCHEMA_KEY);
        if (schema != null && !schema.equals(SCHEMA)) {
            throw new InvalidInputException("The index " + dir + " has layout " + schema + "; this version of Noesis reads layout "
                    + SCHEMA + ". Ingest into a new index folder.");
        }
        String recorded = data.getOrDefault(EMBEDDER_KEY, NO_EMBEDDER);
        if (recorded.equals(NO_EMBEDDER) && !wanted.equals(NO_EMBEDDER)) {
            throw new InvalidInputException("The index " + dir + " holds no embeddings (it was built without an embedding"
                    + " model), so it is searched by words only: use --mode bm25, or ingest into another index folder"
                    + " (noesis.index.dir) to search by meaning.");
        }
        if (!recorded.equals(wanted)) {
            throw new InvalidInputException("The index " + dir + " holds embeddings from '" + recorded + "', not '" + wanted
                    + "'. Use the same model (noesis.embeddings.model=" + recorded + " or --embedding-model " + recorded
                    + "), or another index folder (noesis.index.dir).");
        }
        String dims = data.get(DIMENSIONS_KEY);
        if (embedder != null && dims != null && !dims.equals(Integer.toString(embedder.dimensions()))) {
            throw new InvalidInputException("The index " + dir + " holds " + dims + "-dimensional vectors; the model " + embedder.name()
                    + " makes " + embedder.dimensions() + ". Use another index folder (noesis.index.dir).");
        }
        String analyzer = data.get(ANALYZER_KEY);
        if (!readOnly && analyzer != null && !analyzer.equals(settings.analyzer())) {
            throw new InvalidInputException("The index " + dir + " analyses text with the " + analyzer + " analyzer, not "
                    + settings.analyzer() + ". Use the same analyzer, or another index folder.");
        }
    }

    private static BM25Similarity similarity(IndexSettings settings) {
        return new BM25Similarity(settings.k1(), settings.b());
    }

    private static SearcherFactory searcherFactory(IndexSettings settings) {
        BM25Similarity similarity = similarity(settings);
        return new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(similarity);
                return searcher;
            }
        };
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
    public java.util.Optional<Embedder> embedder() {
        return java.util.Optional.ofNullable(embedder);
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
            vectors = embedder.embedDocuments(chunks.stream().map(c -> embeddingText(document, c)).toList());
        }
        upsert(document, chunks, vectors);
    }

    /** As {@link #upsert(IndexedDocument, List)}, with vectors already computed (one per chunk, or null without an embedder). */
    public void upsert(IndexedDocument document, List<Chunk> chunks, List<float[]> vectors) {
        IndexWriter w = writable();
        if (embedder != null && !chunks.isEmpty() && (vectors == null || vectors.size() != chunks.size())) {
            throw new IllegalArgumentException("One vector per chunk is needed: " + chunks.size() + " chunks, "
                    + (vectors == null ? "no" : vectors.size()) + " vectors");
        }
        long ingested = System.currentTimeMillis();
        List<Document> docs = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            docs.add(luceneDocument(document, chunks.get(i), embedder == null ? null : vectors.get(i), ingested));
        }
        try {
            Term id = new Term(DOC_ID, document.id());
            if (docs.isEmpty()) {
                w.deleteDocuments(id);
            } else {
                w.updateDocuments(id, docs);
            }
        } catch (IOException e) {
            throw new BackendException("Cannot write " + document.id() + " to the index " + path + ": " + e.getMessage(), e);
        }
        writes.incrementAndGet();
    }

    /** The text a chunk is searched by, in both rankings: the title, the headings above it, and its text. */
    public static String embeddingText(IndexedDocument document, Chunk chunk) {
        StringBuilder s = new StringBuilder();
        if (!document.title().isEmpty() && !chunk.section().startsWith(document.title())) {
            s.append(document.title()).append(' ');
        }
        if (!chunk.section().isEmpty()) {
            s.append(chunk.section()).append(' ');
        }
        return s.append(chunk.text()).toString();
    }

    private Document luceneDocument(IndexedDocument d, Chunk chunk, float[] vector, long ingested) {
        Document doc = new Document();
        doc.add(new StringField(CHUNK_ID, d.id() + "#" + chunk.index(), Field.Store.YES));
        doc.add(new StringField(DOC_ID, d.id(), Field.Store.YES));
        doc.add(new StringField(SOURCE, d.source(), Field.Store.YES));
        doc.add(new StringField(TITLE, d.title(), Field.Store.YES));
        doc.add(new StringField(TYPE, d.type(), Field.Store.YES));
        for (String tag : d.tags()) {
            doc.add(new StringField(TAG, tag, Field.Store.YES));
        }
        d.metadata().forEach((k, v) -> doc.add(new StringField(META + k, v, Field.Store.YES)));
        if (d.modified() != null) {
            doc.add(new LongPoint(MODIFIED, d.modified().toEpochMilli()));
            doc.add(new StoredField(MODIFIED, d.modified().toEpochMilli()));
        }
        doc.add(new LongPoint(INGESTED, ingested));
        doc.add(new StoredField(INGESTED, ingested));
        doc.add(new StoredField(CONTENT_HASH, d.contentHash()));
        doc.add(new IntPoint(CHUNK_INDEX, chunk.index()));
        doc.add(new StoredField(CHUNK_INDEX, chunk.index()));
        doc.add(new StoredField(SECTION, chunk.section()));
        doc.add(new StoredField(TEXT, chunk.text()));
        doc.add(new TextField(BODY, embeddingText(d, chunk), Field.Store.NO));
        if (vector != null) {
            if (vector.length != embedder.dimensions()) {
                throw new IllegalArgumentException("A vector of " + vector.length + " dimensions for an index of " + embedder.dimensions());
            }
            doc.add(new KnnFloatVectorField(VECTOR, unit(vector), VectorSimilarityFunction.DOT_PRODUCT));
        }
        return doc;
    }

    /** Removes every chunk of a document; returns whether it was there. */
    public boolean delete(String documentId) {
        IndexWriter w = writable();
        boolean present = countChunks(new TermQuery(new Term(DOC_ID, documentId))) > 0;
        try {
            w.deleteDocuments(new Term(DOC_ID, documentId));
        } catch (IOException e) {
            throw new BackendException("Cannot delete " + documentId + " from the index " + path + ": " + e.getMessage(), e);
        }
        writes.incrementAndGet();
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
        return search(query, embedder != null && !embedderName.equals(NO_EMBEDDER) ? SearchMode.HYBRID : SearchMode.BM25);
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
        refreshIfChanged();
        IndexSearcher searcher = acquire();
        try {
            Query filter = filter(query.filters(), searcher.getIndexReader());
            int depth = mode == SearchMode.HYBRID ? Math.max(query.k(), fusion.candidates()) : query.k();
            List<ScoreDoc> bm25 = mode != SearchMode.DENSE ? bm25(searcher, query.text(), filter, depth) : List.of();
            List<ScoreDoc> dense = mode != SearchMode.BM25 ? dense(searcher, queryVector, filter, depth) : List.of();
            StoredFields stored = searcher.storedFields();
            List<Passage> out = new ArrayList<>(query.k());
            switch (mode) {
                case BM25 -> {
                    for (int i = 0; i < bm25.size(); i++) {
                        ScoreDoc h = bm25.get(i);
                        out.add(passage(stored, h.doc, h.score, List.of(new Passage.Part("bm25", i + 1, h.score))));
                    }
                }
                case DENSE -> {
                    for (int i = 0; i < dense.size(); i++) {
                        ScoreDoc h = dense.get(i);
                        double cos = cosine(h.score);
                        out.add(passage(stored, h.doc, cos, List.of(new Passage.Part("dense", i + 1, cos))));
                    }
                }
                case HYBRID -> {
                    Map<Integer, ScoreDoc> bm25ByDoc = byDoc(bm25);
                    Map<Integer, ScoreDoc> denseByDoc = byDoc(dense);
                    List<ReciprocalRankFusion.Fused<Integer>> fused = ReciprocalRankFusion.fuse(fusion.k(), List.of(
                            new ReciprocalRankFusion.Ranking<>("bm25", fusion.bm25Weight(), bm25.stream().map(h -> h.doc).toList()),
                            new ReciprocalRankFusion.Ranking<>("dense", fusion.denseWeight(), dense.stream().map(h -> h.doc).toList())),
                            query.k());
                    for (ReciprocalRankFusion.Fused<Integer> f : fused) {
                        List<Passage.Part> parts = new ArrayList<>(2);
                        Integer r = f.ranks().get("bm25");
                        if (r != null) {
                            parts.add(new Passage.Part("bm25", r, bm25ByDoc.get(f.item()).score));
                        }
                        r = f.ranks().get("dense");
                        if (r != null) {
                            parts.add(new Passage.Part("dense", r, cosine(denseByDoc.get(f.item()).score)));
                        }
                        out.add(passage(stored, f.item(), f.score(), parts));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new BackendException("Searching the index " + path + " failed: " + e.getMessage(), e);
        } finally {
            release(searcher);
        }
    }

    private Embedder requireEmbedder(SearchMode mode) {
        if (embedder == null || embedderName.equals(NO_EMBEDDER)) {
            throw new InvalidInputException("A " + mode.label() + " search needs embeddings, and the index " + path
                    + " has none (it was built for BM25 only). Use --mode bm25, or ingest into an index with an embedding model.");
        }
        return embedder;
    }

    private static Map<Integer, ScoreDoc> byDoc(List<ScoreDoc> hits) {
        Map<Integer, ScoreDoc> m = new HashMap<>(hits.size() * 2);
        for (ScoreDoc h : hits) {
            m.put(h.doc, h);
        }
        return m;
    }

    /** Lucene scores dot-product hits as (1 + dot) / 2; the cosine is what a person can read. */
    private static double cosine(float luceneScore) {
        return 2.0 * luceneScore - 1.0;
    }

    private List<ScoreDoc> bm25(IndexSearcher searcher, String text, Query filter, int depth) throws IOException {
        Query words = bagOfWords(text);
        if (words == null) {
            return List.of();
        }
        Query q = words;
        if (filter != null) {
            q = new BooleanQuery.Builder().add(words, Occur.MUST).add(filter, Occur.FILTER).build();
        }
        return List.of(searcher.search(q, depth).scoreDocs);
    }

    private List<ScoreDoc> dense(IndexSearcher searcher, float[] vector, Query filter, int depth) throws IOException {
        TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, unit(vector), depth, filter), depth);
        return List.of(top.scoreDocs);
    }

    /**
     * The query's analysed terms, each once, boosted by how often it occurs (Anserini's bag of
     * words). User text is never parsed as query syntax.
     */
    Query bagOfWords(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (TokenStream ts = analyzer.tokenStream(BODY, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                counts.merge(term.toString(), 1, Integer::sum);
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (counts.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int room = IndexSearcher.getMaxClauseCount() - 1;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (room-- == 0) {
                break;
            }
            Query t = new TermQuery(new Term(BODY, e.getKey()));
            b.add(e.getValue() == 1 ? t : new BoostQuery(t, e.getValue()), Occur.SHOULD);
        }
        return b.build();
    }

    private Query filter(List<MetadataFilter> filters, IndexReader reader) {
        if (filters.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (MetadataFilter f : filters) {
            b.add(filterClause(f, reader), Occur.FILTER);
        }
        return b.build();
    }

    private static Query filterClause(MetadataFilter f, IndexReader reader) {
        String field = switch (f.field()) {
            case MetadataFilter.DOCUMENT_ID -> DOC_ID;
            case MetadataFilter.SOURCE -> SOURCE;
            case MetadataFilter.TITLE -> TITLE;
            case MetadataFilter.TAG, "tags" -> TAG;
            case MetadataFilter.TYPE -> TYPE;
            case MetadataFilter.MODIFIED -> MODIFIED;
            case MetadataFilter.INGESTED -> INGESTED;
            default -> META + f.field();
        };
        if (field.equals(MODIFIED) || field.equals(INGESTED)) {
            long[] day = timeRange(f);
            return switch (f.op()) {
                case EQUALS -> LongPoint.newRangeQuery(field, day[0], day[1]);
                case AT_LEAST -> LongPoint.newRangeQuery(field, day[0], Long.MAX_VALUE);
                case AT_MOST -> LongPoint.newRangeQuery(field, Long.MIN_VALUE, day[1]);
            };
        }
        if (f.op() != MetadataFilter.Op.EQUALS) {
            throw new InvalidInputException("The filter " + f + " compares with " + f.op().symbol() + ", which only the times ("
                    + MetadataFilter.MODIFIED + ", " + MetadataFilter.INGESTED + ") allow; use " + f.field() + "=value.");
        }
        if (field.startsWith(META) && fieldMissing(reader, field)) {
            throw new InvalidInputException("No document in the index has a field '" + f.field() + "'. Filter on "
                    + String.join(", ", MetadataFilter.DOCUMENT_ID, MetadataFilter.SOURCE, MetadataFilter.TITLE, MetadataFilter.TAG,
                            MetadataFilter.TYPE, MetadataFilter.MODIFIED, MetadataFilter.INGESTED) + ", or a metadata key the documents carry.");
        }
        return new TermQuery(new Term(field, f.value()));
    }

    private static boolean fieldMissing(IndexReader reader, String field) {
        for (LeafReaderContext leaf : reader.leaves()) {
            FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(field);
            if (info != null) {
                return false;
            }
        }
        return reader.numDocs() > 0;
    }

    /** The first and last millisecond a time filter's value names: a whole day for a date, one instant otherwise. */
    private static long[] timeRange(MetadataFilter f) {
        String v = f.value();
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                long start = d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                return new long[] {start, d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1};
            }
            long t = Instant.parse(v).toEpochMilli();
            return new long[] {t, t};
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("The filter " + f + " needs a date (2025-01-31) or an instant (2025-01-31T12:00:00Z), got '"
                    + v + "'.");
        }
    }

    private Passage passage(StoredFields stored, int doc, double score, List<Passage.Part> parts) throws IOException {
        Document d = stored.document(doc, LOAD);
        String title = d.get(TITLE);
        String section = d.get(SECTION);
        if (section != null && !section.isEmpty()) {
            title = title == null || title.isEmpty() || section.startsWith(title) ? section : title + " > " + section;
        }
        return new Passage(d.get(TEXT), d.get(DOC_ID), d.get(SOURCE), title, d.get(CHUNK_ID), score, parts);
    }

    /** Each document's content hash, by id (to skip sources that have not changed). */
    public Map<String, String> contentHashes() {
        Map<String, String> out = new HashMap<>();
        forEachFirstChunk(d -> out.put(d.get(DOC_ID), d.get(CONTENT_HASH)), Set.of(DOC_ID, CONTENT_HASH));
        return out;
    }

    /** How many chunks a document has in the index (0 when it is not there). */
    public int chunkCount(String documentId) {
        return (int) countChunks(new TermQuery(new Term(DOC_ID, documentId)));
    }

    public IndexStats stats() {
        long docs = countChunks(IntPoint.newExactQuery(CHUNK_INDEX, 0));
        long chunks = countChunks(new MatchAllDocsQuery());
        return new IndexStats(docs, chunks, embedderName, settings.analyzer());
    }

    /** Number of segments of the current reader: search cost grows with it (each has its own HNSW graph). */
    public int segmentCount() {
        refreshIfChanged();
        IndexSearcher searcher = acquire();
        try {
            return searcher.getIndexReader().leaves().size();
        } finally {
            release(searcher);
        }
    }

    private long countChunks(Query q) {
        refreshIfChanged();
        IndexSearcher searcher = acquire();
        try {
            return searcher.count(q);
        } catch (IOException e) {
            throw new BackendException("Reading the index " + path + " failed: " + e.getMessage(), e);
        } finally {
            release(searcher);
        }
    }

    private void forEachFirstChunk(Consumer<Document> visitor, Set<String> fields) {
        refreshIfChanged();
        IndexSearcher searcher = acquire();
        try {
            TopDocs all = searcher.search(IntPoint.newExactQuery(CHUNK_INDEX, 0), Math.max(1, searcher.getIndexReader().maxDoc()));
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc h : all.scoreDocs) {
                visitor.accept(stored.document(h.doc, fields));
            }
        } catch (IOException e) {
            throw new BackendException("Reading the index " + path + " failed: " + e.getMessage(), e);
        } finally {
            release(searcher);
        }
    }

    /** Every live chunk with its vector, in index order (for benchmarks and exports). */
    public void forEachChunk(Consumer<StoredChunk> visitor) {
        refreshIfChanged();
        IndexSearcher searcher = acquire();
        try {
            Set<String> fields = Set.of(DOC_ID, CHUNK_INDEX, TITLE, SECTION, TEXT);
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                Bits live = leaf.reader().getLiveDocs();
                StoredFields stored = leaf.reader().storedFields();
                FloatVectorValues vectors = leaf.reader().getFloatVectorValues(VECTOR);
                KnnVectorValues.DocIndexIterator it = vectors == null ? null : vectors.iterator();
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    float[] v = null;
                    if (it != null && (it.docID() < doc ? it.advance(doc) : it.docID()) == doc) {
                        v = vectors.vectorValue(it.index()).clone();
                    }
                    Document d = stored.document(doc, fields);
                    visitor.accept(new StoredChunk(d.get(DOC_ID), d.getField(CHUNK_INDEX).numericValue().intValue(), d.get(TITLE),
                            d.get(SECTION), d.get(TEXT), v));
                }
            }
        } catch (IOException e) {
            throw new BackendException("Reading the index " + path + " failed: " + e.getMessage(), e);
        } finally {
            release(searcher);
        }
    }

    /**
     * Brings the searcher up to date with this object's writes (or, read-only, with new commits).
     * Blocks other searchers for the moment of a reopen, never the writer.
     */
    private void refreshIfChanged() {
        long target = writes.get();
        if (writer != null && refreshed.get() >= target) {
            return;
        }
        if (writer == null) {
            // Read-only: look for a newer commit at most once a second (it lists the folder).
            long now = System.nanoTime();
            long last = lastCommitCheck.get();
            if (now - last < 1_000_000_000L || !lastCommitCheck.compareAndSet(last, now)) {
                return;
            }
        }
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new BackendException("Cannot refresh the index " + path + ": " + e.getMessage(), e);
        }
        refreshed.accumulateAndGet(target, Math::max);
    }

    private IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new BackendException("Cannot read the index " + path + ": " + e.getMessage(), e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new BackendException("Cannot release a reader of " + path + ": " + e.getMessage(), e);
        }
    }

    private static float[] unit(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        if (Math.abs(sum - 1.0) < 1e-4 || sum == 0) {
            return v;
        }
        float[] out = v.clone();
        float inv = (float) (1.0 / Math.sqrt(sum));
        for (int i = 0; i < out.length; i++) {
            out[i] *= inv;
        }
        return out;
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
