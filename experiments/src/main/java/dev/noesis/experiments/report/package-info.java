/**
 * What an experiment publishes: {@code results.json} ({@link dev.noesis.experiments.report.ExperimentResults},
 * the versioned format documented in {@code docs/results-format.md}) and the human report built from it
 * and the per-item log alone ({@link dev.noesis.experiments.report.ReportWriter}: {@code report.md} and
 * a self-contained {@code report.html}), so that a report can be rebuilt from a run folder at any time.
 *
 * <p>May import {@code experiments.stats}, {@code experiments.log}, {@code experiments.report.chart},
 * Jackson and the core error types; never a pipeline, a model adapter or the runner.
 */
package dev.noesis.experiments.report;
