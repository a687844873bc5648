package dev.noesis.core.trace;

import dev.noesis.core.model.Completion;
import dev.noesis.core.model.FinishReason;
import dev.noesis.core.model.Prompt;
import java.util.Objects;

/**
 * One call to the model inside a step: what was asked, what came back, what it cost, and when it
 * began ({@code startMs}, in milliseconds after the run began).
 */
public record ModelCall(
        Prompt prompt,
        String output,
        int promptTokens,
        int completionTokens,
        int reusedPromptTokens,
        long promptMs,
        long generationMs,
        FinishReason finishReason,
        long startMs) {

    public ModelCall {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(finishReason, "finishReason");
    }

    /** The call of {@code prompt} that gave {@code completion}, begun {@code startMs} after the run began. */
    public static ModelCall of(Prompt prompt, Completion completion, long startMs) {
        return new ModelCall(
                prompt,
                completion.text(),
                completion.promptTokens(),
                completion.completionTokens(),
                completion.reusedPromptTokens(),
                completion.promptMs(),
                completion.generationMs(),
                completion.finishReason(),
                startMs);
    }

    public long modelMs() {
        return promptMs + generationMs;
    }
}
