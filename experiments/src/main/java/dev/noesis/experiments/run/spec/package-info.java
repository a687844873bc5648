/**
 * The experiment as data: {@link dev.noesis.experiments.run.spec.ExperimentSpec} (suites, pipelines,
 * models, generation params, seeds, item selection, baseline), its YAML reader with file:line errors,
 * and its config, the JSON a run folder hashes. Imports core and SnakeYAML only.
 */
package dev.noesis.experiments.run.spec;
