/**
 * The long-term memory port: {@link Memory} and the values that cross it. What is written:
 * {@link Fact}s, each with its {@link Provenance}, and {@link Episode}s, reported by a
 * {@link WriteReport}; what a recall bounded by {@link RecallOptions} returns: a
 * {@link RecallResult} of {@link MemoryNode}s, {@link MemoryEdge}s, {@link MemoryPath}s and
 * {@link MemoryStatement}s. {@link NodeKind} and {@link Relation} name the graph's node and edge
 * kinds.
 *
 * <p>Imports nothing outside the JDK and no store's types: thinking modules see memory only
 * through this package, and the Neo4j implementation lives in the memory module.
 */
package dev.noesis.core.memory;
