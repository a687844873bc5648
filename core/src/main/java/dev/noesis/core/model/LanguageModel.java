package dev.noesis.core.model;

import dev.noesis.core.structured.JsonSchema;

/**
 * The port every model backend implements: in-process Jlama, or an OpenAI-compatible server.
 * Thinking modules see only this interface.
 *
 * <p>Implementations are safe to call from several threads. A call can be cancelled by
 * interrupting the calling thread: generation then stops at the next token and the completion
 * ends with {@link FinishReason#CANCELLED}.
 *
 * <p>Every model can produce structured output ({@link StructuredOutput}): by default by asking,
 * validating and repairing; backends that can constrain their decoding override
 * {@link #generateJson}.
 */
public interface LanguageModel extends StructuredOutput, AutoCloseable {

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

    @Override
    default StructuredResult generateJson(Prompt prompt, JsonSchema schema, GenerationParams params) {
        return ValidateAndRepair.run(
                p -> generate(p, params), prompt, schema, params, ValidateAndRepair.DEFAULT_ATTEMPTS);
    }

    /**
     * The most tokens the model holds, the prompt and the answer together. Modules fit what they
     * put in a prompt (evidence, memory, drafts) to it. {@link Integer#MAX_VALUE} when the backend
     * does not know (a server that does not say): nothing is then cut.
     */
    default int contextLength() {
        return Integer.MAX_VALUE;
    }

    /**
     * How many tokens {@code prompt} takes, chat template included. By default an estimate (about
     * four characters a token, and a few tokens a message for the chat template's markers);
     * a backend that can count exactly (it has the tokenizer) overrides it.
     */
    default int countTokens(Prompt prompt) {
        long chars = prompt.system().length();
        int messages = prompt.system().isEmpty() ? 0 : 1;
        for (Message m : prompt.messages()) {
            chars += m.content().length();
            messages++;
        }
        return (int) Math.min(Integer.MAX_VALUE, (chars + 3) / 4 + 4L * messages + 1);
    }

    /**
     * Forgets what the backend keeps for a session (Jlama's KV cache). Runs call it when they end;
     * backends that keep nothing ignore it.
     */
    default void endSession(String sessionId) {}

    /** Releases what the model holds (weights, caches, connections). */
    @Override
    default void close() {}
}
