package dev.noesis.orchestrator;

import dev.noesis.core.model.Completion;
import dev.noesis.core.model.FinishReason;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.TokenListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A deterministic test double: answers with a function of the prompt, and remembers every call. */
class ScriptedModel implements LanguageModel {

    final List<Prompt> prompts = new ArrayList<>();
    final List<GenerationParams> params = new ArrayList<>();
    private final Function<Prompt, String> answer;
    volatile long sleepMs;

    ScriptedModel(Function<Prompt, String> answer) {
        this.answer = answer;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public synchronized Completion generate(Prompt prompt, GenerationParams p, TokenListener listener) {
        prompts.add(prompt);
        params.add(p);
        if (sleepMs > 0) {
            try {
                Thread.sleep(sleepMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Completion("", 10, 0, 0, 1, 0, FinishReason.CANCELLED);
            }
        }
        String text = answer.apply(prompt);
        listener.onText(text);
        int tokens = Math.min(p.maxNewTokens(), text.split(" ").length);
        return new Completion(text, 10, tokens, 0, 3, 5, FinishReason.END_OF_SEQUENCE);
    }
}
