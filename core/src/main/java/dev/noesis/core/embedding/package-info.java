/**
 * The embedding port: {@link Embedder}, which turns texts into unit-length vectors, shared by the
 * document index (documents and queries) and memory (nodes and cues). Implementations live outside
 * core (in-process ones in the embeddings adapter).
 *
 * <p>Imports nothing of Noesis and no library, so every package may depend on it.
 */
package dev.noesis.core.embedding;
