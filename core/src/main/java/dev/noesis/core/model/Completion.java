package dev.noesis.core.model;

import java.util.Objects;

/**
 * What a model produced, with the figures a trace needs.
 *
 * @param text               the generated text (without the prompt, special tokens or a stop sequence)
 * @param promptTokens       tokens in the prompt as the model saw it
 * @param completionTokens   new tokens generated
 * @param reusedPromptTokens prompt tokens that were not recomputed because a session's cache held them
 * @param promptMs           time spent processing the prompt
 * @param generationMs       time spent generating new tokens
 */
public record Completion(
        String text,
        int promptTokens,
        int completionTokens,
        int reusedPromptTokens,
        long promptMs,
        long generationMs,
        FinishReason finishReason) {

    public Completion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finishReason, "finishReason");
    }

    public long totalMs() {
        return promptMs + generationMs;
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
