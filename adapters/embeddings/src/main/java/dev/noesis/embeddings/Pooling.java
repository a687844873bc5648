package dev.noesis.embeddings;

/** How a sentence vector is made from a transformer's per-token vectors. */
public enum Pooling {
    /** The first token's vector ({@code [CLS]}), as BGE models are trained. */
    CLS,
    /** The average of the token vectors, padding left out, as sentence-transformers models such as MiniLM are trained. */
    MEAN
}
