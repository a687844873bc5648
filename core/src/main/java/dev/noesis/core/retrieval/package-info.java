/**
 * The retrieval port: a {@link Retriever} answers a {@link RetrievalQuery} (text, k and
 * {@link MetadataFilter}s) with ranked {@link Passage}s that carry their provenance and, in
 * {@link Passage#parts()}, how each of the retriever's rankings scored them.
 *
 * <p>Backend-neutral: imports only {@code core.error} and {@code core.thought} (a passage becomes
 * {@link dev.noesis.core.thought.Evidence}), and no index's types may appear here.
 */
package dev.noesis.core.retrieval;
