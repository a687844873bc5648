/**
 * The OpenAI-compatible endpoints: {@code GET /v1/models} (every pipeline a model, then the
 * base model) and {@code POST /v1/chat/completions}, whole or streamed, with the request read
 * and checked field by field ({@link dev.noesis.server.openai.ChatRequest}: a field Noesis
 * cannot honour is refused, never ignored) and the replies in OpenAI's shapes.
 *
 * <p>May import: core, orchestrator, {@code dev.noesis.server}; never the command line.
 */
package dev.noesis.server.openai;
