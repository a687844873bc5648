/**
 * {@link LuceneHybridIndex}, the {@link dev.noesis.core.retrieval.Retriever} over one Lucene
 * index: per chunk a BM25 text field, an HNSW vector field and metadata fields to filter on,
 * searched in a {@link SearchMode} and, for hybrid searches, fused by {@link ReciprocalRankFusion}
 * as {@link FusionSettings} say. {@link IndexSettings} (analyzer, BM25 parameters) are recorded in
 * the index; documents go in as {@link IndexedDocument}s, replaced whole by id, and
 * {@link IndexStats} and {@link StoredChunk} read back what it holds.
 *
 * <p>The only package that imports Lucene, and no Lucene type appears in its public API. Of Noesis
 * it imports {@code core.retrieval}, {@code core.embedding}, {@code core.error} and
 * {@code retrieval.chunking}.
 */
package dev.noesis.retrieval.index;
