/**
 * Reading YAML files whose every problem is reported with its file, line and column
 * ({@link dev.noesis.core.yaml.YamlReading}), for the readers of pipeline and experiment files.
 * Imports SnakeYAML and the core error types only.
 */
package dev.noesis.core.yaml;
