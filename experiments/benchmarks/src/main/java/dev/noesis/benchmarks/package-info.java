/**
 * The measurements of Noesis's parts, each in a subpackage: {@code beir} (retrieval quality on
 * BEIR collections), {@code retrieval} (ingestion speed and query latency), {@code memory} (recall
 * latency, multi-hop by path search, 2Wiki evidence recall) and {@code model} (a Jlama model's speed
 * on this machine). {@link Latencies} is the one record of timings they all report.
 *
 * <p>This module depends on the modules it measures (retrieval, memory, jlama), never the other
 * way round, and not on the wiring or the command line; the command line's {@code eval} and
 * {@code bench} commands run it. This package imports only the JDK.
 */
package dev.noesis.benchmarks;
