/**
 * The HTTP backend: {@link OpenAiCompatibleLanguageModel}, the
 * {@link dev.noesis.core.model.LanguageModel} for an OpenAI-compatible chat-completions server
 * (Ollama, vLLM, llama.cpp's server, LM Studio), addressed by an {@link OpenAiServer}. Every call
 * streams, and stop sequences are applied on this side with
 * {@link dev.noesis.core.model.StopSequenceFilter}, so they mean what they mean on Jlama.
 *
 * <p>The only package that imports LangChain4j, which speaks the protocol; of Noesis it imports
 * only core ({@code model}, {@code structured}, {@code error}).
 */
package dev.noesis.openai;
