/**
 * {@link TinyModelWriter} writes a real Llama-architecture model folder with seeded random weights
 * in one of the {@link ModelShape}s: configuration, a synthetic BPE tokenizer with byte fallback,
 * a chat template and safetensors weights, byte-identical for the same shape and seed. It makes
 * the offline demo model and the models tests run on. {@link TokenizerJson} is the {@code tokenizer.json}
 * layout, shared with the lab's learned tokenizer.
 *
 * <p>Imports only {@code core.error} and Jackson: it writes files that Jlama loads, but never
 * imports Jlama.
 */
package dev.noesis.jlama.tiny;
