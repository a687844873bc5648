/**
 * {@link ScoredSuite}, the base the built-in and the user's suites share: items read once, an
 * {@code Extractor}'s named rules and a {@code Scorer}'s metrics. Imports the suite contract,
 * {@code suite.extract} and {@code suite.metric}; the contract never imports it back.
 */
package dev.noesis.experiments.suite.scored;
