/**
 * Retrieval measured on BEIR-format collections: {@link BeirDataset} (corpus, queries, relevance
 * judgments), {@link BeirEvaluation} (indexes a collection and scores nDCG@10, Recall@100 and
 * MRR@10) and {@link RetrievalMetrics} (computed as trec_eval does), kept together so that
 * retrieval never imports its own evaluation.
 *
 * <p>Imports core, {@code benchmarks} (the latencies), {@code retrieval.chunking},
 * {@code retrieval.index} and Jackson.
 */
package dev.noesis.benchmarks.beir;
