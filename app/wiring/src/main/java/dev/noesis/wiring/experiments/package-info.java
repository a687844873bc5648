/**
 * The experiment harness wired to Noesis's own parts: {@link ExperimentArms} runs an arm's pipeline
 * on its model through the orchestrator behind the model-call cache, and {@link DataHomes} puts a
 * suite's documents and facts into data homes of the experiment's own; {@link RetrievalArms} runs
 * the search modes of a retrieval suite over one index of its corpus. Imports the harness
 * ({@code experiments}), the orchestrator, and the wiring of models, documents and memory, and the BEIR suite and index builder of {@code benchmarks.beir}.
 */
package dev.noesis.wiring.experiments;
