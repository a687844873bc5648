package dev.noesis.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.trace.ModelCall;
import dev.noesis.core.trace.Span;
import dev.noesis.jlama.JlamaLanguageModel;
import dev.noesis.jlama.testing.TinyModels;
import dev.noesis.orchestrator.pipeline.Pipelines;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every built-in pipeline end to end through the real tiny Jlama model. */
class BuiltinPipelinesOnJlamaTest {

    private static JlamaLanguageModel model;
    private static final GenerationParams PARAMS = GenerationParams.DEFAULTS.withMaxNewTokens(160);

    @BeforeAll
    static void load() {
        model = JlamaLanguageModel.open(TinyModels.standard());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static RunResult run(String name, boolean reuse) {
        return new Orchestrator(model)
                .run(
                        TestPipelines.named(name),
                        RunRequest.of("What is 17 * 23?").withParams(PARAMS).withCacheReuse(reuse));
    }

    @Test
    void everyBuiltInPipelineIsCovered() {
        // rag and memory-augmented read the document index and memory: they run end to end, through the
        // real Lucene index and the real local Neo4j, in the app's RetrievalCommandsTest and MemoryCommandsTest.
        assertThat(Pipelines.BUILT_IN)
                .containsExactly(
                        "raw",
                        "rag",
                        "plan-solve",
                        "critique-refine",
                        "self-consistency",
                        "generate-filter-validate-select",
                        "memory-augmented");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"raw", "plan-solve", "critique-refine", "self-consistency", "generate-filter-validate-select"})
    void runsToAnAnswerWithEveryStructuredStepValid(String name) {
        RunResult r = run(name, true);

        assertThat(r.outcome()).as(r.stopReason()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(r.answer()).isNotNull();
        assertThat(r.usage().modelCalls()).isPositive();
        for (Span s : r.trace().spans()) {
            assertThat(s.failed()).as(s.where() + " " + s.error()).isFalse();
            if (s.module().equals("planner") || s.module().equals("critic")) {
                // Structured steps: the constraint guarantees valid JSON unless the budget runs out.
                assertThat(s.notes())
                        .as(s.where() + " " + s.notes())
                        .noneSatisfy(n -> assertThat(n.why()).startsWith("INVALID"));
            }
        }
        switch (name) {
            case "raw" -> assertThat(r.trace().spans()).extracting(Span::module).containsExactly("generator");
            case "plan-solve" -> {
                assertThat(r.state().plan()).isNotEmpty();
                assertThat(r.state().hints()).hasSameSizeAs(r.state().plan());
                String lastPrompt = lastCall(r).prompt().messages().get(0).content();
                assertThat(lastPrompt).contains("Plan:").contains("Notes for reasoning:\n- [ ] ");
            }
            case "critique-refine" -> {
                assertThat(r.state().critiques()).isNotEmpty();
                assertThat(r.trace().spans()).extracting(Span::module).contains("validator", "critic", "repeat");
            }
            case "self-consistency" -> {
                assertThat(r.state().drafts()).hasSize(5);
                assertThat(r.trace().spans().get(r.trace().spans().size() - 1).module())
                        .isEqualTo("selector");
            }
            default -> {
                assertThat(r.state().drafts()).hasSize(4);
                assertThat(r.state().critiques()).hasSize(4);
                assertThat(r.state().drafts())
                        .allSatisfy(d -> assertThat(d.scores()).containsKey("critic"));
            }
        }
    }

    @Test
    void reusingTheKvCacheGivesTheSameRunWithFewerPromptTokensComputed() {
        RunResult with = run("critique-refine", true);
        RunResult without = run("critique-refine", false);

        assertThat(with.answer()).isEqualTo(without.answer());
        assertThat(with.usage().modelCalls())
                .isEqualTo(without.usage().modelCalls())
                .isGreaterThan(2);
        assertThat(with.usage().promptTokens()).isEqualTo(without.usage().promptTokens());
        assertThat(without.usage().reusedPromptTokens()).isZero();
        // Calls of this pipeline share the system text and the question; every call after the
        // first finds at least that much in the session's cache.
        List<ModelCall> calls =
                with.trace().spans().stream().flatMap(s -> s.calls().stream()).toList();
        assertThat(calls.get(0).reusedPromptTokens()).isZero();
        assertThat(calls.subList(1, calls.size()))
                .allSatisfy(c -> assertThat(c.reusedPromptTokens()).isGreaterThan(40));
        System.out.printf(
                "critique-refine on the tiny model: %d prompt tokens; computed %d with KV reuse, %d without%n",
                with.usage().promptTokens(),
                with.usage().promptTokens() - with.usage().reusedPromptTokens(),
                without.usage().promptTokens());
    }

    private static ModelCall lastCall(RunResult r) {
        List<Span> spans = r.trace().spans();
        for (int i = spans.size() - 1; i >= 0; i--) {
            if (!spans.get(i).calls().isEmpty()) {
                return spans.get(i).calls().get(spans.get(i).calls().size() - 1);
            }
        }
        throw new AssertionError("no model call");
    }
}
