/**
 * The language-model port: {@link LanguageModel}, what it is asked (a {@link Prompt} of
 * {@link Message}s by {@link Role}, with {@link GenerationParams}) and what it returns (a
 * {@link Completion} that ends with a {@link FinishReason}, streamed to a {@link TokenListener}).
 * {@link GenerationOverrides} is the one merge of generation settings from configuration, flags
 * and requests, and {@link StopSequenceFilter} is how every backend applies stop sequences alike.
 *
 * <p>Structured output is a capability of every model ({@link StructuredOutput}): its outcome is a
 * {@link StructuredResult} (or a {@link StructuredOutputException} where the caller needs the
 * value), and {@link ValidateAndRepair} is the default for backends that cannot constrain
 * decoding.
 *
 * <p>Imports {@code core.error} and {@code core.structured} (schemas and JSON text, which never
 * import back). No backend's types appear here: Jlama and model servers are adapters.
 */
package dev.noesis.core.model;
