package dev.noesis.modules;

import dev.noesis.core.model.Completion;
import dev.noesis.core.model.FinishReason;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.TokenListener;
import dev.noesis.core.module.StepContext;
import dev.noesis.core.trace.Note;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A deterministic test double: replies with a function of the prompt and records every prompt.
 * Its structured output is the port's default (ask, validate, repair), on those replies.
 */
final class FakeModel implements LanguageModel {

    final List<Prompt> prompts = new ArrayList<>();
    private final Function<Prompt, String> reply;
    private final int contextLength;
    int counted;

    FakeModel(Function<Prompt, String> reply) {
        this(reply, Integer.MAX_VALUE);
    }

    /** A model that holds {@code contextLength} tokens and counts them as the port's estimate does. */
    FakeModel(Function<Prompt, String> reply, int contextLength) {
        this.reply = reply;
        this.contextLength = contextLength;
    }

    @Override
    public int contextLength() {
        return contextLength;
    }

    @Override
    public int countTokens(Prompt prompt) {
        counted++;
        return LanguageModel.super.countTokens(prompt);
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Completion generate(Prompt prompt, GenerationParams params, TokenListener listener) {
        prompts.add(prompt);
        String text = reply.apply(prompt);
        listener.onText(text);
        return new Completion(text, 10, 5, 0, 1, 1, FinishReason.END_OF_SEQUENCE);
    }

    String lastUserMessage() {
        Prompt p = prompts.get(prompts.size() - 1);
        return p.messages().get(p.messages().size() - 1).content();
    }

    /** A step context over this model that keeps the notes. */
    Context context() {
        return new Context(this);
    }

    static final class Context implements StepContext {
        final List<Note> notes = new ArrayList<>();
        final List<String> streamed = new ArrayList<>();
        private final FakeModel model;

        Context(FakeModel model) {
            this.model = model;
        }

        @Override
        public LanguageModel model() {
            return model;
        }

        @Override
        public GenerationParams params() {
            return GenerationParams.DEFAULTS;
        }

        @Override
        public TokenListener answerStream() {
            return streamed::add;
        }

        @Override
        public void note(String what, String why) {
            notes.add(new Note(what, why));
        }

        @Override
        public String runId() {
            return "test-run";
        }
    }
}
