/**
 * Answer extraction: named rules ({@code json-field:answer}, {@code gsm8k-hash}, {@code answer-prefix},
 * {@code answer-is}, {@code last-number}, {@code first-line}, {@code label}) tried in order by an
 * {@link dev.noesis.experiments.suite.extract.Extractor}, which records which rule gave the answer
 * or {@code none}. Imports core's errors, Jackson, and the metric package's number parsing.
 */
package dev.noesis.experiments.suite.extract;
