package dev.noesis.core.trace;

import dev.noesis.core.model.Completion;
import dev.noesis.core.model.FinishReason;
import dev.noesis.core.model.Prompt;
import java.util.Objects;

/** One call to the model inside a step: what was asked, what came back, and what it cost. */
public record ModelCall(
        Prompt prompt,
        String output,
        int promptTokens,
        int completionTokens,
        int reusedPromptTokens,
        long promptMs,
        long generationMs,
        FinishReason finishReason) {

    public ModelCall {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(finishReason, "finishReason");
    }

    public static ModelCall of(Prompt prompt, Completion completion) {
        return new ModelCall(
                prompt,
                completion.text(),
                completion.promptTokens(),
                completion.completionTokens(),
                completion.reusedPromptTokens(),
                completion.promptMs(),
                completion.generationMs(),
                completion.finishReason());
    }

    public long modelMs() {
        return promptMs + generationMs;
    }
}
