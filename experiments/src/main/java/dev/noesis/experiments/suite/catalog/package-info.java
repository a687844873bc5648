/**
 * The catalogue of suites: {@link dev.noesis.experiments.suite.catalog.Suites} resolves a built-in
 * name over a data root, or a user's {@code .jsonl} path, and lists the built-in suites with their
 * item counts and metrics. Imports the suite packages and core's errors.
 */
package dev.noesis.experiments.suite.catalog;
