/**
 * The structural checks behind {@link dev.noesis.modules.Validator}: {@link ArithmeticCheck}
 * (claims of the form {@code a op b = c}, worked out exactly), {@link JavaSourceCheck} (Java that
 * must parse, with JavaParser) and {@link TableCheck} (CSV or markdown tables against their
 * columns and keys, with Commons CSV).
 *
 * <p>Imports only {@code core.error} and {@code core.thought}; a check never calls a model.
 */
package dev.noesis.modules.checks;
