/**
 * {@link RetrievalBench}: ingestion speed of a BEIR corpus and hybrid query latency, on that index
 * and on one grown to a given number of chunks from perturbed copies.
 *
 * <p>Imports core, {@code benchmarks}, {@code benchmarks.beir}, {@code retrieval.index} and
 * {@code retrieval.chunking}.
 */
package dev.noesis.benchmarks.retrieval;
