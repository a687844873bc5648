/**
 * {@link Chunker} cuts a document into {@link Chunk}s that fit the window of every bundled
 * embedding model: at sentence ends, never across a markdown heading, with the last sentences of
 * the previous chunk repeated.
 *
 * <p>Pure text work: imports nothing of Noesis and no library, so the index, ingestion and the
 * benchmarks share it.
 */
package dev.noesis.retrieval.chunking;
