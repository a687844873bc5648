package dev.noesis.core.model;

/**
 * The port every model backend implements: in-process Jlama, or an OpenAI-compatible server.
 * Thinking modules see only this interface.
 *
 * <p>Implementations are safe to call from several threads. A call can be cancelled by
 * interrupting the calling thread: generation then stops at the next token and the completion
 * ends with {@link FinishReason#CANCELLED}.
 */
public interface LanguageModel extends AutoCloseable {

    /** Where the model came from (folder, hub id or URL), for traces and error messages. */
    String name();

    /**
     * Generates a continuation of the prompt.
     *
     * @param listener receives the answer's text as it is produced; the chunks, joined, equal
     *                 {@link Completion#text()}
     */
    Completion generate(Prompt prompt, GenerationParams params, TokenListener listener);

    default Completion generate(Prompt prompt, GenerationParams params) {
        return generate(prompt, params, TokenListener.NONE);
    }

    /** Releases what the model holds (weights, caches, connections). */
    @Override
    default void close() {}
}
