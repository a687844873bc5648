/**
 * How answers are scored: SQuAD normalisation, exact match and token F1, numeric exact match,
 * label accuracy and macro-F1, and the {@link dev.noesis.experiments.suite.metric.Scorer} a suite
 * applies per item. Pure functions of strings; imports nothing but the extraction record of
 * {@code dev.noesis.experiments.log} and the suite contract.
 */
package dev.noesis.experiments.suite.metric;
