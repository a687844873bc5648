package dev.noesis.modules;

import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.TokenListener;
import dev.noesis.core.module.StepContext;
import dev.noesis.core.trace.Note;
import dev.noesis.testing.ScriptedLanguageModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The shared scripted model as the modules' tests use it: fixed figures per call, an unknown
 * context unless one is given, and a count of the token counts asked for (prompt fitting must not
 * count once per passage), with a step context that keeps the notes.
 */
final class FakeModel extends ScriptedLanguageModel {

    int counted;

    FakeModel(Function<Prompt, String> reply) {
        this(reply, Integer.MAX_VALUE);
    }

    /** A model that holds {@code contextLength} tokens and counts them as the port's estimate does. */
    FakeModel(Function<Prompt, String> reply, int contextLength) {
        super("fake", reply);
        withContextLength(contextLength);
        withFigures(new Figures(10, 1, 1));
    }

    @Override
    public int countTokens(Prompt prompt) {
        counted++;
        return super.countTokens(prompt);
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
