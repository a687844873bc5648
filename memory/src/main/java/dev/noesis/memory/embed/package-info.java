/**
 * {@link EmbeddingStage} embeds the concepts and facts that have no vector yet, each batch
 * committed on its own, so an interrupted run loses at most one batch and the next one finishes
 * the job.
 *
 * <p>Imports {@code core.embedding}, {@code core.error}, the Neo4j driver and the memory package's
 * {@link dev.noesis.memory.graph.Graph} and {@link dev.noesis.memory.graph.MemorySchema}.
 */
package dev.noesis.memory.embed;
