package dev.noesis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.Completion;
import dev.noesis.core.model.FinishReason;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.StructuredResult;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.core.structured.JsonValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LanguageModel} must do, as tests that each implementation's test class
 * extends (the way LangChain4j and Lucene test their integrations): streamed chunks join to the
 * text, the new-token limit is exact, stop sequences end the text before them, seeded sampling
 * repeats, an interrupt cancels, structured output is valid or says why not, a prompt longer than
 * the context is refused, and concurrent calls give what sequential ones give.
 *
 * <p>A subclass gives the model (opened once for the class, typically in a {@code @BeforeAll})
 * and its context length.
 */
public abstract class LanguageModelContract {

    /** The model under test; the subclass owns and closes it. */
    protected abstract LanguageModel model();

    /** Tokens the model's context holds. */
    protected abstract int contextLength();

    /** Whether sampling with different seeds can give different texts (false for a scripted double). */
    protected boolean samples() {
        return true;
    }

    protected Prompt question() {
        return Prompt.of("Why does water boil at a lower temperature on a mountain?");
    }

    protected GenerationParams params() {
        return GenerationParams.DEFAULTS.withMaxNewTokens(32);
    }

    @Test
    void streamedChunksAreNotEmptyAndJoinToTheText() {
        for (GenerationParams p :
                List.of(params(), params().withTemperature(0.8).withSeed(3))) {
            List<String> chunks = new ArrayList<>();
            Completion c = model().generate(question(), p, chunks::add);

            assertThat(chunks)
                    .isNotEmpty()
                    .allSatisfy(chunk -> assertThat(chunk).isNotEmpty());
            assertThat(String.join("", chunks)).isEqualTo(c.text());
            assertThat(c.completionTokens()).isBetween(1, p.maxNewTokens());
        }
    }

    @Test
    void maxNewTokensIsTheExactNumberOfNewTokens() {
        int exact = 0;
        for (int n : new int[] {1, 5, 12}) {
            Completion c = model().generate(question(), params().withMaxNewTokens(n));
            if (c.finishReason() == FinishReason.MAX_TOKENS) {
                assertThat(c.completionTokens()).isEqualTo(n);
                exact++;
            } else {
                assertThat(c.finishReason()).isEqualTo(FinishReason.END_OF_SEQUENCE);
                assertThat(c.completionTokens()).isLessThan(n);
            }
        }
        assertThat(exact).as("calls that reached the limit").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aStopSequenceEndsTheTextBeforeIt() {
        GenerationParams p = params().withMaxNewTokens(48);
        String full = model().generate(question(), p).text();
        assertThat(full.length()).as("a long enough text to cut: " + full).isGreaterThan(12);
        String stop = full.substring(full.length() / 2, full.length() / 2 + 3);
        List<String> chunks = new ArrayList<>();

        Completion c = model().generate(question(), p.withStopSequences(List.of(stop)), chunks::add);

        assertThat(c.finishReason()).isEqualTo(FinishReason.STOP_SEQUENCE);
        assertThat(c.text()).isEqualTo(full.substring(0, full.indexOf(stop)));
        assertThat(String.join("", chunks)).isEqualTo(c.text());
    }

    @Test
    void greedyAndSeededSamplingRepeat() {
        assertThat(model().generate(question(), params()).text())
                .isEqualTo(model().generate(question(), params()).text());
        GenerationParams sampled = params().withTemperature(1.0).withTopP(0.95);
        String first = model().generate(question(), sampled.withSeed(1)).text();
        assertThat(model().generate(question(), sampled.withSeed(1)).text()).isEqualTo(first);
        if (samples()) {
            List<String> others = new ArrayList<>();
            for (long seed = 2; seed < 6; seed++) {
                others.add(model().generate(question(), sampled.withSeed(seed)).text());
            }
            assertThat(others).anySatisfy(t -> assertThat(t).isNotEqualTo(first));
        }
    }

    @Test
    void anInterruptCancelsTheCall() throws InterruptedException {
        // Settings under which the model does not end by itself first, so that only the interrupt can stop it.
        GenerationParams p = runsToTheLimit(params().withMaxNewTokens(48));
        AtomicReference<Completion> result = new AtomicReference<>();
        AtomicReference<Thread> caller = new AtomicReference<>();
        Thread t = new Thread(() ->
                result.set(model().generate(question(), p, chunk -> caller.get().interrupt())));
        caller.set(t);
        t.start();
        t.join(120_000);

        assertThat(result.get()).as("the call returned").isNotNull();
        assertThat(result.get().finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(result.get().completionTokens()).isLessThan(p.maxNewTokens());
    }

    private GenerationParams runsToTheLimit(GenerationParams base) {
        for (long seed = 1; seed <= 20; seed++) {
            GenerationParams p = base.withTemperature(1.0).withSeed(seed);
            if (model().generate(question(), p).finishReason() == FinishReason.MAX_TOKENS) {
                return p;
            }
        }
        throw new AssertionError("no seed of 1..20 made the model run to " + base.maxNewTokens() + " new tokens");
    }

    private static final JsonSchema ANSWER = JsonSchema.parse("""
        {"type":"object","properties":{"answer":{"type":"string","maxLength":40},"sure":{"type":"boolean"}},
         "required":["answer","sure"],"additionalProperties":false}""");

    @Test
    void structuredOutputIsValidOrSaysWhyNot() {
        StructuredResult ok = model().generateJson(question(), ANSWER, params().withMaxNewTokens(200));
        assertThat(ok.status()).as(ok.rawText() + " " + ok.errors()).isEqualTo(StructuredResult.Status.VALID);
        assertThat(JsonValidator.validate(ok.value(), ANSWER.root())).isEmpty();

        StructuredResult cut = model().generateJson(question(), ANSWER, params().withMaxNewTokens(2));
        assertThat(cut.status()).isIn(StructuredResult.Status.TRUNCATED, StructuredResult.Status.INVALID);
        assertThat(cut.errors()).isNotEmpty();
        assertThat(cut.value()).isNull();
    }

    @Test
    void aPromptLongerThanTheContextIsRefused() {
        Prompt tooLong = Prompt.of("word ".repeat(contextLength() + 8));

        assertThatThrownBy(() -> model().generate(tooLong, params()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("context");
    }

    @Test
    void concurrentCallsGiveWhatSequentialCallsGive() throws Exception {
        List<Prompt> prompts = List.of(
                question(), Prompt.of("Name three rivers."), Prompt.of("Count to five."), Prompt.of("What is memory?"));
        List<String> sequential = new ArrayList<>();
        for (Prompt p : prompts) {
            sequential.add(model().generate(p, params()).text());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (Prompt p : prompts) {
                    futures.add(pool.submit(() -> model().generate(p, params()).text()));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(sequential.get(i % prompts.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
