/**
 * The in-process backend: {@link JlamaLanguageModel}, the
 * {@link dev.noesis.core.model.LanguageModel} that Jlama runs from a local model folder, checked
 * before loading as a {@link ModelFolder} of {@link SafetensorsFile}s; {@link JlamaRuntime} holds
 * Jlama's process-wide settings. Jlama runs the network; the decoding loop around it is Noesis's
 * own (seeded sampling, stop sequences, KV-cache sessions, and schema-constrained decoding through
 * {@link dev.noesis.jlama.structured.TokenConstraints}).
 *
 * <p>{@link JlamaLanguageModel#withOverride} makes a variant of a loaded model with some weights
 * replaced (a LoRA adapter merged in: {@link dev.noesis.jlama.lora}), sharing every other tensor
 * with the base ({@link OverridingWeightLoader}).
 *
 * <p>{@link ModelQuantizer} writes quantized copies of a model; {@link JlamaLoopRun} is what
 * Jlama's own decoding loop reports, the reference the model benchmark compares Noesis's loop with.
 *
 * <p>The only package that imports Jlama ({@code com.github.tjake}); it also uses DJL's
 * HuggingFace tokenizers, Jackson and SLF4J, and of Noesis only core and its own subpackages.
 */
package dev.noesis.jlama;
