/**
 * The measurements of memory: {@link MemoryBench} (recall latency, graph-only multi-hop, 2Wiki
 * evidence recall), {@link HypernymQuestions} ("is X a kind of Y?" drawn from WordNet's files, not
 * from the graph they test), {@link Latency} and {@link PrecomputedEmbedder} (so recall is timed
 * without embedding its cue).
 *
 * <p>Imports core, the memory package, {@code memory.importer} and extJWNL; nothing else in memory
 * imports it. The design moves this measurement code to the experiments harness.
 */
package dev.noesis.memory.bench;
