/**
 * Running an experiment: the plan (the matrix of arms and item runs, and the minimum detectable
 * effect before a run), the runner (resumable run folder, suite setup cached by content, bounded
 * parallelism, cancellation, a progress listener), the interfaces the caller implements
 * ({@link dev.noesis.experiments.run.ArmFactory}, {@link dev.noesis.experiments.run.Arm},
 * {@link dev.noesis.experiments.run.SetupEnvironment}), and the results built from the log alone.
 *
 * <p>Imports core, the experiments packages {@code log}, {@code stats}, {@code report} and
 * {@code suite}, and its own subpackages; never the application, an adapter, the orchestrator or a
 * concrete model: arms are handed in.
 */
package dev.noesis.experiments.run;
