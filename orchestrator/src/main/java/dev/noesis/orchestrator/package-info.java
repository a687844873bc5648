/**
 * Running pipelines: the {@link Orchestrator} runs a {@link Pipeline} of {@link Step}s (a module,
 * or the control forms repeat, fanout and when, guarded by {@link Condition}s over the names
 * {@link Conditions} knows) for a {@link RunRequest}, meters every model call against the run's
 * budget, traces every step and returns a {@link RunResult}. {@link RunRecord} is the one JSON
 * shape of a run; {@link Position} points into a pipeline file.
 *
 * <p>Imports only core and no library. It never imports a module: the modules it runs are found at
 * run time, through {@link dev.noesis.orchestrator.pipeline.ModuleRegistry}.
 */
package dev.noesis.orchestrator;
