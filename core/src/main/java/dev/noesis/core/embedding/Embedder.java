package dev.noesis.core.embedding;

import java.util.List;

/**
 * The port for sentence embeddings, shared by retrieval (documents and queries) and memory
 * (nodes and cues). Vectors have unit length, so cosine similarity is their dot product.
 */
public interface Embedder extends AutoCloseable {

    /** The model, for traces, index metadata and error messages. */
    String name();

    /** Length of every vector this embedder returns. */
    int dimensions();

    /** Embeds texts that will be searched (passages, memory nodes), in order, batched as the model likes. */
    List<float[]> embedDocuments(List<String> texts);

    /** Embeds a search query. Models trained with a query instruction (BGE) add it here. */
    float[] embedQuery(String text);

    @Override
    default void close() {}
}
