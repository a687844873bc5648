/**
 * LoRA adapters, independent of any backend: the PEFT adapter folder and its checked
 * configuration ({@link dev.noesis.lora.PeftFolder}, {@link dev.noesis.lora.PeftConfig}), the
 * registry of adapters under the Noesis home ({@link dev.noesis.lora.AdapterRegistry}) and the
 * router that picks an adapter per question ({@link dev.noesis.lora.AdapterRouter}).
 *
 * <p>Imports core and Jackson only; backends (Jlama, an OpenAI-compatible server) use it.
 */
package dev.noesis.lora;
