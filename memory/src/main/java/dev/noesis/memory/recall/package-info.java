/**
 * {@link RecallEngine}: a cue's vector and fulltext seeds, bounded expansion, then activation
 * spreading over weighted edges, returned as a ranked {@link dev.noesis.core.memory.RecallResult},
 * all in one read transaction.
 *
 * <p>Imports {@code core.memory}, {@code core.embedding}, the Neo4j driver and the memory
 * package's {@link dev.noesis.memory.graph.Graph} and {@link dev.noesis.memory.graph.MemorySchema}. It only
 * reads: marking recalled nodes as used is done off this path, by the memory package.
 */
package dev.noesis.memory.recall;
