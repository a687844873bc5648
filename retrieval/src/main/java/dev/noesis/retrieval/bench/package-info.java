/**
 * {@link RetrievalBench}: ingestion speed of a BEIR corpus and hybrid query latency, on that index
 * and on one grown to a given number of chunks from perturbed copies.
 *
 * <p>Imports core, {@code retrieval.beir}, {@code retrieval.index} and {@code retrieval.chunking};
 * nothing in retrieval imports it. The design moves this measurement code to the experiments
 * harness.
 */
package dev.noesis.retrieval.bench;
