/**
 * {@link Consolidator} keeps memory tidy: it merges duplicate concepts, decays the salience of
 * what goes unused and archives (never deletes) what falls below a threshold, as
 * {@link ConsolidationOptions} say, and reports what it changed in a {@link ConsolidationReport}.
 *
 * <p>Imports only the Neo4j driver and the memory package's {@link dev.noesis.memory.graph.Graph} and
 * {@link dev.noesis.memory.graph.MemorySchema}.
 */
package dev.noesis.memory.consolidate;
