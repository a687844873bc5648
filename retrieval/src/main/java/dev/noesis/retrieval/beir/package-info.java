/**
 * Retrieval measured on BEIR-format collections: {@link BeirDataset} (corpus, queries, relevance
 * judgments), {@link BeirEvaluation} (indexes a collection and scores nDCG@10, Recall@100 and
 * MRR@10), {@link RetrievalMetrics} (computed as trec_eval does) and {@link Latencies}.
 *
 * <p>Imports core, {@code retrieval.chunking}, {@code retrieval.index} and Jackson; no search path
 * depends on it. The design moves this measurement code to the experiments harness.
 */
package dev.noesis.retrieval.beir;
