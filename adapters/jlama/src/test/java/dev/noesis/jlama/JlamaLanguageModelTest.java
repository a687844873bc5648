package dev.noesis.jlama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.Completion;
import dev.noesis.core.model.FinishReason;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Message;
import dev.noesis.core.model.Prompt;
import dev.noesis.jlama.testing.TinyModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generation through the real Jlama path, on the tiny random-weight model: what the
 * LanguageModel contract ({@link JlamaLanguageModelContractTest}) does not already assert.
 */
class JlamaLanguageModelTest {

    private static JlamaLanguageModel model;
    private static final Prompt QUESTION = Prompt.of("Why does water boil at a lower temperature on a mountain?");
    private static final GenerationParams PARAMS = GenerationParams.DEFAULTS.withMaxNewTokens(40);

    @BeforeAll
    static void load() {
        model = JlamaLanguageModel.open(TinyModels.standard());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void generatesTextWithFigures() {
        Completion c = model.generate(QUESTION, PARAMS);

        assertThat(c.text()).isNotBlank();
        assertThat(c.completionTokens()).isBetween(1, 40);
        assertThat(c.promptTokens()).isEqualTo(model.countTokens(QUESTION));
        assertThat(c.reusedPromptTokens()).isZero();
        assertThat(c.finishReason()).isIn(FinishReason.MAX_TOKENS, FinishReason.END_OF_SEQUENCE);
    }

    @Test
    void samplingIsRepeatableForASeedAndVariesAcrossSeeds() {
        GenerationParams sampled = PARAMS.withTemperature(1.0).withTopP(0.95);
        String first = model.generate(QUESTION, sampled.withSeed(1)).text();

        assertThat(model.generate(QUESTION, sampled.withSeed(1)).text()).isEqualTo(first);
        List<String> others = new ArrayList<>();
        for (long seed = 2; seed < 6; seed++) {
            others.add(model.generate(QUESTION, sampled.withSeed(seed)).text());
        }
        assertThat(others).anySatisfy(t -> assertThat(t).isNotEqualTo(first));
        assertThat(first).isNotEqualTo(model.generate(QUESTION, PARAMS).text());
    }

    @Test
    void maxNewTokensIsTheExactNumberOfNewTokens() {
        int exact = 0;
        for (int n : new int[] {1, 7, 33, 64}) {
            Completion c = model.generate(QUESTION, PARAMS.withMaxNewTokens(n));
            if (c.finishReason() == FinishReason.MAX_TOKENS) {
                assertThat(c.completionTokens()).isEqualTo(n);
                exact++;
            } else {
                assertThat(c.finishReason()).isEqualTo(FinishReason.END_OF_SEQUENCE);
                assertThat(c.completionTokens()).isLessThan(n);
            }
        }
        assertThat(exact).as("runs that reached max-new-tokens").isGreaterThanOrEqualTo(3);
    }

    @Test
    void nonAsciiPromptsReachTheModelIntact() {
        String text = "Grüße für dich – 5€ ✓ 日本語";
        LoadedModel loaded = model.loaded();
        int[] ids = loaded.codec().encode(text);

        assertThat(loaded.codec().decode(ids)).isEqualTo(text);
        Completion c = model.generate(Prompt.of(text), PARAMS.withMaxNewTokens(5));
        assertThat(c.promptTokens()).isEqualTo(model.countTokens(Prompt.of(text)));
    }

    @Test
    void systemTextAndConversationGoThroughTheChatTemplate() {
        Prompt conversation = new Prompt(
                "Answer briefly.",
                List.of(Message.user("Hi"), Message.assistant("Hello!"), Message.user("How far is the moon?")),
                null);

        int withHistory = model.countTokens(conversation);
        int alone = model.countTokens(Prompt.of("How far is the moon?"));

        assertThat(withHistory).isGreaterThan(alone + 5);
        assertThat(model.generate(conversation, PARAMS.withMaxNewTokens(5)).completionTokens())
                .isPositive();
    }

    @Test
    void aSessionReusesItsKvCacheAndGivesTheSameAnswer() {
        Prompt first = new Prompt("", List.of(Message.user("Tell me about the river.")), "s-1");
        Completion a = model.generate(first, PARAMS.withMaxNewTokens(10));
        Prompt second = new Prompt(
                "",
                List.of(
                        Message.user("Tell me about the river."),
                        Message.assistant(a.text()),
                        Message.user("And the mill?")),
                "s-1");

        Completion reused = model.generate(second, PARAMS);
        Completion fresh = model.generate(second.withSession(null), PARAMS);

        assertThat(reused.reusedPromptTokens()).isGreaterThan(5);
        assertThat(fresh.reusedPromptTokens()).isZero();
        assertThat(reused.text()).isEqualTo(fresh.text());
        assertThat(reused.promptTokens()).isEqualTo(fresh.promptTokens());
    }

    @Test
    void aPromptLongerThanTheContextIsRejected() {
        String longText = "word ".repeat(model.contextLength());

        assertThatThrownBy(() -> model.generate(Prompt.of(longText), PARAMS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("context holds " + model.contextLength());
    }

    @Test
    void generationRunsToTheEndOfTheContextAndStopsThere() {
        // The last positions of the context are where Jlama 0.8.4's rotary table overflowed
        // ("Index 16384 out of bounds for length 16384"); the model reports a context it can fill.
        Prompt nearlyFull = promptOfAtMost(model.contextLength() - 6);
        assertThat(model.countTokens(nearlyFull)).isGreaterThan(model.contextLength() - 12);

        Completion c = model.generate(nearlyFull, GenerationParams.DEFAULTS.withMaxNewTokens(40));

        assertThat(c.finishReason()).isEqualTo(FinishReason.CONTEXT_LIMIT);
        // Every position is used: the last new token is chosen from the last position's output
        // and never fed back, so it needs no position of its own.
        assertThat(c.promptTokens() + c.completionTokens() - 1).isEqualTo(model.contextLength());
    }

    @Test
    void anInterruptWhileTheModelComputesCancelsTheCallAndLeavesTheModelWorking() throws Exception {
        // Jlama maps a file for each new page of KV cache; a thread interrupted before such a map
        // gets ClosedByInterruptException (as an IOError) from it. Interrupts come at any moment:
        // Ctrl-C, a run's wall-time budget, a client that went away.
        Prompt longPrompt = promptOfAtMost(model.contextLength() / 2);
        GenerationParams params = GenerationParams.DEFAULTS.withMaxNewTokens(400);
        Completion before = model.generate(QUESTION, PARAMS);

        java.util.concurrent.atomic.AtomicReference<Object> outcome =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                outcome.set(model.generate(longPrompt, params));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        caller.start();
        Thread.sleep(150);
        caller.interrupt();
        caller.join(60_000);

        assertThat(outcome.get()).isInstanceOf(Completion.class);
        assertThat(((Completion) outcome.get()).finishReason()).isEqualTo(FinishReason.CANCELLED);
        Completion after = model.generate(QUESTION, PARAMS);
        assertThat(after.text()).isEqualTo(before.text());
    }

    /** The longest prompt of repeated words that has at most {@code tokens} tokens. */
    private static Prompt promptOfAtMost(int tokens) {
        int low = 1;
        int high = tokens;
        while (low < high) {
            int words = (low + high + 1) / 2;
            if (model.countTokens(Prompt.of("word ".repeat(words))) <= tokens) {
                low = words;
            } else {
                high = words - 1;
            }
        }
        return Prompt.of("word ".repeat(low));
    }
}
