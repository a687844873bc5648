/**
 * What a run did, step by step: a {@link Trace} of {@link Span}s, one per executed step, each with
 * its {@link ModelCall}s (prompt, output, tokens, times) and {@link Note}s (what a module
 * injected, chose or dropped, and why).
 *
 * <p>Plain records that import only {@code core.model}; the orchestrator writes them, entry points
 * render or serialise them.
 */
package dev.noesis.core.trace;
