/**
 * The OpenAI-compatible endpoints: {@code GET /v1/models} (every pipeline a model, then the
 * base model and the embedding model), {@code POST /v1/chat/completions}, whole or streamed,
 * with the request read and checked field by field ({@link dev.noesis.server.openai.ChatRequest}:
 * a field Noesis cannot honour is refused, never ignored) and the replies in OpenAI's shapes, and
 * {@code POST /v1/embeddings}. Structured replies ({@code response_format}, {@code tools}) are
 * one JSON schema ({@link dev.noesis.server.openai.ReplyShape}) that the run's drafts are
 * generated under through the model's own structured output
 * ({@link dev.noesis.server.openai.SchemaBoundModel}).
 *
 * <p>May import: core, orchestrator, {@code dev.noesis.server}, the embeddings adapter (for the
 * embedding model's token counts); never the command line.
 */
package dev.noesis.server.openai;
