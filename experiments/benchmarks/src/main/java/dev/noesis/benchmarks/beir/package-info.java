/**
 * Retrieval measured on BEIR-format collections: {@link BeirDataset} (corpus, queries, relevance
 * judgments), {@link BeirEvaluation} (indexes a collection and scores nDCG@10, Recall@100 and
 * MRR@10), {@link RetrievalMetrics} (computed as trec_eval does), kept together so that
 * retrieval never imports its own evaluation, and {@link BeirRetrievalSuite}, the same measures as a
 * suite of the experiment harness.
 *
 * <p>Imports core, {@code benchmarks} (the latencies), {@code retrieval.chunking},
 * {@code retrieval.index}, the harness's suite contract ({@code experiments.suite}, {@code experiments.log}) and Jackson.
 */
package dev.noesis.benchmarks.beir;
