/**
 * The suite contract: a {@link dev.noesis.experiments.suite.Suite} is a fixed list of
 * {@link dev.noesis.experiments.suite.SuiteItem items} with gold answers, the
 * {@link dev.noesis.experiments.suite.SuiteSetup setup} they need (documents, facts), the
 * instructions, the answer extraction and the per-item and {@link dev.noesis.experiments.suite.CorpusMetric
 * corpus-level} metrics; {@link dev.noesis.experiments.suite.scored.ScoredSuite} is the base of the
 * built-in and user suites. Imports core (facts, schemas, errors), the log's extraction record,
 * and its own subpackages {@code metric} and {@code extract}; the implementations live in
 * {@code data} and {@code user}, the catalogue in {@code catalog}.
 */
package dev.noesis.experiments.suite;
