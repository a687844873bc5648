/**
 * Pipelines as data: {@link PipelineParser} reads a YAML pipeline and reports every problem in it,
 * each with file, line and column, as an {@link InvalidPipelineException} before anything runs;
 * {@link Pipelines} is the catalog (the built-in pipelines, the user's folder, a file by its
 * path); {@link ModuleRegistry} finds the module factories through {@link java.util.ServiceLoader}
 * and converts a step's YAML to the module's config record.
 *
 * <p>Imports the orchestrator package and core, with SnakeYAML and Jackson; it never imports a
 * module class.
 */
package dev.noesis.orchestrator.pipeline;
