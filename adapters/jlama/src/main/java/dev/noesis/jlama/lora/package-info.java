/**
 * LoRA adapters for the in-process backend: a PEFT adapter read for merging
 * ({@link dev.noesis.jlama.lora.LoraAdapter}, on the checked configuration of
 * {@link dev.noesis.lora.PeftConfig}), checked against a base model and merged as
 * {@code W + s·B·A} ({@link dev.noesis.jlama.lora.MergePlan}). The variant model itself is built
 * by {@link dev.noesis.jlama.JlamaLanguageModel#withAdapter}, which shares every untouched tensor
 * with the base model.
 *
 * <p>Imports core, {@code dev.noesis.lora}, Jackson and the safetensors records of
 * {@code dev.noesis.jlama}; never Jlama itself.
 */
package dev.noesis.jlama.lora;
