/**
 * The measurements of memory: {@link MemoryBench} (recall latency, graph-only multi-hop, 2Wiki
 * evidence recall), {@link HypernymQuestions} ("is X a kind of Y?" drawn from WordNet's files, not
 * from the graph they test) and {@link PrecomputedEmbedder} (so recall is timed without embedding
 * its cue).
 *
 * <p>Imports core, {@code benchmarks}, the memory module's public API ({@code memory},
 * {@code memory.graph}, {@code memory.importer}) and extJWNL.
 */
package dev.noesis.benchmarks.memory;
