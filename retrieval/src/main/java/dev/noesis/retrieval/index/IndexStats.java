package dev.noesis.retrieval.index;

/**
 * What an index holds.
 *
 * @param documents documents (each stored as one or more chunks)
 * @param chunks    chunks, the unit of search
 * @param embedder  the embedding model its vectors come from, or {@code none}
 * @param analyzer  the text analyzer of its BM25 field
 */
public record IndexStats(long documents, long chunks, String embedder, String analyzer) {}
