/**
 * {@link ModelBench} measures a Jlama model on this machine: load time, prompt and generation
 * speed, peak memory, what Noesis's decoding loop costs over Jlama's own, and what
 * schema-constrained decoding costs.
 *
 * <p>Imports core and the public API of {@code dev.noesis.jlama} (and its {@code structured}
 * package); never Jlama itself, which stays inside the adapter.
 */
package dev.noesis.benchmarks.model;
