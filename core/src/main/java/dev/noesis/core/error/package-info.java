/**
 * The errors every part of Noesis throws: {@link NoesisException} at the root;
 * {@link InvalidInputException} (with {@link ModelNotFoundException} and
 * {@link ModelFormatException}, and {@link InvalidFileException} for a file with problems at
 * lines and columns) for what the user gave; {@link BackendException} for a backend
 * that failed while working; {@link BudgetExceededException} for a run past one of its limits.
 *
 * <p>A message says what went wrong; what to do about it is a {@link Remedy}, named without any
 * entry point's words, so library code never gives command-line advice and each entry point words
 * the remedy in its own terms.
 *
 * <p>Imports nothing outside the JDK: every other package may depend on it.
 */
package dev.noesis.core.error;
