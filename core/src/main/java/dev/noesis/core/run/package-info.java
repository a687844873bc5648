/**
 * The limits and totals of one run: {@link Budget} (model calls, tokens, wall time; every run has
 * one) and {@link Usage} (calls, tokens, model time and Noesis's own overhead).
 *
 * <p>Imports only {@code core.error}; the orchestrator meters runs against these and the run
 * record reports them.
 */
package dev.noesis.core.run;
