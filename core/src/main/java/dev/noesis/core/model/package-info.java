/**
 * The language-model port: {@link LanguageModel}, what it is asked (a {@link Prompt} of
 * {@link Message}s by {@link Role}, with {@link GenerationParams}) and what it returns (a
 * {@link Completion} that ends with a {@link FinishReason}, streamed to a {@link TokenListener}).
 * {@link GenerationOverrides} is the one merge of generation settings from configuration, flags
 * and requests, and {@link StopSequenceFilter} is how every backend applies stop sequences alike.
 *
 * <p>Imports {@code core.error} and {@code core.structured}, because every model has the
 * structured-output capability ({@link LanguageModel} extends
 * {@link dev.noesis.core.structured.StructuredOutput}); {@code core.structured} imports this
 * package back, so the two are one unit. No backend's types appear here: Jlama and model servers
 * are adapters.
 */
package dev.noesis.core.model;
