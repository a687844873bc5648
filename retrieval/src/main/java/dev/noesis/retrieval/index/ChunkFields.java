package dev.noesis.retrieval.index;

import dev.noesis.core.retrieval.Passage;
import dev.noesis.retrieval.chunking.Chunk;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * How one chunk is laid out as a Lucene document: its metadata as exact-match fields (and
 * points for the times and the chunk's position), its text stored for reading back, the analysed
 * {@link #BODY} field BM25 ranks, and its unit-length vector for the HNSW graph. Every chunk of a
 * document carries the document's metadata, so that a filter needs no join.
 */
final class ChunkFields {

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
    /** Prefix of the fields of a document's free metadata keys. */
    static final String META = "meta.";

    /** What a search reads back to make a passage. */
    private static final Set<String> PASSAGE = Set.of(CHUNK_ID, DOC_ID, SOURCE, TITLE, SECTION, TEXT);
    /** What an export reads back of each chunk (the vector comes from the vector values). */
    static final Set<String> STORED_CHUNK = Set.of(DOC_ID, CHUNK_INDEX, TITLE, SECTION, TEXT);

    private ChunkFields() {}

    /** The text a chunk is searched by, in both rankings: the title, the headings above it, and its text. */
    static String searchText(IndexedDocument document, Chunk chunk) {
        StringBuilder s = new StringBuilder();
        if (!document.title().isEmpty() && !chunk.section().startsWith(document.title())) {
            s.append(document.title()).append(' ');
        }
        if (!chunk.section().isEmpty()) {
            s.append(chunk.section()).append(' ');
        }
        return s.append(chunk.text()).toString();
    }

    /**
     * The Lucene document of one chunk.
     *
     * @param vector   the chunk's embedding, or null in an index without embeddings
     * @param ingested when it was written, in epoch milliseconds
     */
    static Document of(IndexedDocument d, Chunk chunk, float[] vector, long ingested) {
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
        doc.add(new TextField(BODY, searchText(d, chunk), Field.Store.NO));
        if (vector != null) {
            doc.add(new KnnFloatVectorField(VECTOR, UnitVectors.unit(vector), VectorSimilarityFunction.DOT_PRODUCT));
        }
        return doc;
    }

    /** A hit as a passage; its title names the headings above the chunk too. */
    static Passage passage(StoredFields stored, int doc, double score, List<Passage.Part> parts) throws IOException {
        Document d = stored.document(doc, PASSAGE);
        String title = d.get(TITLE);
        String section = d.get(SECTION);
        if (section != null && !section.isEmpty()) {
            title = title == null || title.isEmpty() || section.startsWith(title) ? section : title + " > " + section;
        }
        return new Passage(d.get(TEXT), d.get(DOC_ID), d.get(SOURCE), title, d.get(CHUNK_ID), score, parts);
    }

    /** A chunk read back with {@link #STORED_CHUNK}, with its vector (or null). */
    static StoredChunk storedChunk(Document d, float[] vector) {
        return new StoredChunk(
                d.get(DOC_ID),
                d.getField(CHUNK_INDEX).numericValue().intValue(),
                d.get(TITLE),
                d.get(SECTION),
                d.get(TEXT),
                vector);
    }
}
