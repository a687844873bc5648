package dev.noesis.retrieval.index;

/**
 * A chunk read back from the index with its vector (for exports and benchmarks).
 *
 * @param documentId the document's id
 * @param chunkIndex the chunk's position in the document
 * @param title      the document's title
 * @param section    the headings above the chunk
 * @param text       the chunk's text
 * @param vector     its embedding, or null in an index without embeddings
 */
public record StoredChunk(
        String documentId, int chunkIndex, String title, String section, String text, float[] vector) {}
