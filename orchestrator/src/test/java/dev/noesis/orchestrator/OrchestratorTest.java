package dev.noesis.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Message;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.StructuredResult;
import dev.noesis.core.module.StepContext;
import dev.noesis.core.module.ThinkingModule;
import dev.noesis.core.run.Budget;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.core.thought.Draft;
import dev.noesis.core.thought.Hint;
import dev.noesis.core.thought.ThoughtState;
import dev.noesis.core.trace.Span;
import dev.noesis.orchestrator.RunResult.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The runner's logic, with a scripted model. */
class OrchestratorTest {

    private final ScriptedModel model = new ScriptedModel(
            p -> "answer to " + p.messages().get(p.messages().size() - 1).content());
    private final Orchestrator orchestrator = new Orchestrator(model);

    /** A module that calls the model {@code times} times, drafting each answer. */
    private static ThinkingModule caller(String name, int times) {
        return new ThinkingModule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Map<String, Object> config() {
                return Map.of("times", times);
            }

            @Override
            public ThoughtState apply(ThoughtState state, StepContext ctx) {
                ThoughtState s = state;
                for (int i = 0; i < times; i++) {
                    String text = ctx.model()
                            .generate(Prompt.of(name + " " + i), ctx.params())
                            .text();
                    s = s.addDraft(Draft.of(text, name));
                }
                return s;
            }
        };
    }

    @Test
    void theRawPipelineAsksTheQuestionAndTracesTheCall() {
        List<String> streamed = new ArrayList<>();
        RunRequest request = new RunRequest(
                "What is 2+2?",
                List.of(Message.user("hi"), Message.assistant("hello")),
                GenerationParams.DEFAULTS,
                Budget.DEFAULT,
                streamed::add,
                true);

        RunResult r = orchestrator.run(TestPipelines.named("raw"), request);

        assertThat(r.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(r.answer()).isEqualTo("answer to What is 2+2?");
        assertThat(String.join("", streamed)).isEqualTo("answer to What is 2+2?");
        Prompt sent = model.prompts.get(0);
        assertThat(sent.messages()).extracting(Message::content).containsExactly("hi", "hello", "What is 2+2?");
        assertThat(r.trace().pipeline()).isEqualTo("raw");
        assertThat(r.trace().model()).isEqualTo("scripted");
        Span span = r.trace().spans().get(0);
        assertThat(span.module()).isEqualTo("generator");
        assertThat(span.where()).isEqualTo("steps[0]");
        assertThat(span.calls()).hasSize(1);
        assertThat(span.calls().get(0).prompt().messages()).isEqualTo(sent.messages());
        assertThat(sent.sessionId()).as("calls of a run share its session").startsWith("run-");
        assertThat(span.calls().get(0).output()).isEqualTo(r.answer());
        assertThat(r.usage().modelCalls()).isEqualTo(1);
        assertThat(r.usage().promptTokens()).isEqualTo(10);
        assertThat(r.usage().modelMs()).isEqualTo(8);
        assertThat(r.usage().overheadMs()).isNotNegative();
    }

    @Test
    void stepsRunInOrderOnTheStateTheyPassAlong() {
        ThinkingModule hinter = new ThinkingModule() {
            @Override
            public String name() {
                return "hinter";
            }

            @Override
            public ThoughtState apply(ThoughtState state, StepContext ctx) {
                ctx.note("added a hint", "the question mentions water");
                return state.addHint(new Hint("think of pressure", "water", "hinter"));
            }
        };
        ThinkingModule checker = new ThinkingModule() {
            @Override
            public String name() {
                return "checker";
            }

            @Override
            public ThoughtState apply(ThoughtState state, StepContext ctx) {
                return state.withAnswer("saw " + state.hints().size() + " hint and "
                        + state.drafts().size() + " draft");
            }
        };
        Pipeline p = Pipeline.of("three", "", List.of(hinter, caller("gen", 1), checker));

        RunResult r = orchestrator.run(p, RunRequest.of("Why does water boil?"));

        assertThat(r.answer()).isEqualTo("saw 1 hint and 1 draft");
        assertThat(r.trace().spans()).extracting(Span::module).containsExactly("hinter", "gen", "checker");
        assertThat(r.trace().spans().get(0).notes())
                .singleElement()
                .satisfies(n -> assertThat(n.why()).isEqualTo("the question mentions water"));
        assertThat(r.trace().spans().get(1).config()).containsEntry("times", 1);
    }

    @Test
    void aRunOverItsCallBudgetStopsAndKeepsWhatItHas() {
        Pipeline p = Pipeline.of("greedy", "", List.of(caller("first", 2), caller("loop", 5), caller("never", 1)));

        RunResult r = orchestrator.run(p, RunRequest.of("q").withBudget(Budget.DEFAULT.withMaxModelCalls(3)));

        assertThat(r.outcome()).isEqualTo(Outcome.BUDGET_EXHAUSTED);
        assertThat(r.stopReason()).contains("3 model calls");
        // The state is the one the last completed step returned; the interrupted step's calls are in its span.
        assertThat(r.state().drafts()).hasSize(2);
        assertThat(r.answer()).isEqualTo("answer to first 1");
        assertThat(r.trace().spans()).hasSize(2);
        assertThat(r.trace().spans().get(1).calls())
                .singleElement()
                .satisfies(c -> assertThat(c.output()).isEqualTo("answer to loop 0"));
        assertThat(r.trace().spans().get(1).error()).contains("3 model calls");
        assertThat(model.prompts).hasSize(3);
    }

    @Test
    void newTokensAreCappedToWhatTheTokenBudgetHasLeft() {
        Pipeline p = Pipeline.of("two", "", List.of(caller("a", 3)));

        RunResult r = orchestrator.run(p, RunRequest.of("q").withBudget(Budget.DEFAULT.withMaxTokens(30)));

        // Each call costs 10 prompt tokens and 4 completion tokens ("answer to a N"), at most.
        assertThat(model.params).extracting(GenerationParams::maxNewTokens).containsExactly(30, 16, 2);
        // Only the last call's prompt can overshoot: its size is known after the call.
        assertThat(r.usage().totalTokens()).isEqualTo(40);
        assertThat(r.outcome()).isEqualTo(Outcome.COMPLETED);
    }

    @Test
    void aRunOverItsWallTimeIsStoppedAndTheCallerIsNotLeftInterrupted() {
        model.tokenDelayMs = 5_000;

        RunResult r = orchestrator.run(
                TestPipelines.named("raw"),
                RunRequest.of("q").withBudget(Budget.DEFAULT.withMaxWallTime(Duration.ofMillis(200))));

        assertThat(r.outcome()).isEqualTo(Outcome.BUDGET_EXHAUSTED);
        assertThat(r.stopReason()).contains("wall-time");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void interruptingTheRunCancelsIt() throws InterruptedException {
        model.tokenDelayMs = 5_000;
        AtomicReference<RunResult> result = new AtomicReference<>();
        Thread t = new Thread(() -> result.set(orchestrator.run(
                Pipeline.of("two", "", List.of(caller("a", 1), caller("b", 1))), RunRequest.of("q"))));
        t.start();
        Thread.sleep(200);
        t.interrupt();
        t.join(10_000);

        assertThat(result.get().outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(result.get().trace().spans()).hasSize(1);
    }

    @Test
    void structuredCallsReachTheBackendsOwnImplementationAndAreCounted() {
        List<String> calledWith = new ArrayList<>();
        ScriptedModel constraining = new ScriptedModel(p -> "unused") {
            @Override
            public StructuredResult generateJson(Prompt prompt, JsonSchema schema, GenerationParams params) {
                calledWith.add(schema.toJson());
                var value = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode("yes");
                return StructuredResult.valid(
                        value,
                        "\"yes\"",
                        new dev.noesis.core.model.Completion(
                                "\"yes\"", 7, 2, 0, 1, 1, dev.noesis.core.model.FinishReason.END_OF_SEQUENCE),
                        1);
            }
        };
        ThinkingModule chooser = new ThinkingModule() {
            @Override
            public String name() {
                return "chooser";
            }

            @Override
            public ThoughtState apply(ThoughtState state, StepContext ctx) {
                return state.withAnswer(
                        ctx.model().choose(Prompt.of("yes or no?"), List.of("yes", "no"), ctx.params()));
            }
        };

        RunResult r = new Orchestrator(constraining).run(Pipeline.of("p", "", List.of(chooser)), RunRequest.of("q"));

        assertThat(r.answer()).isEqualTo("yes");
        assertThat(calledWith)
                .containsExactly(JsonSchema.choice(List.of("yes", "no")).toJson());
        assertThat(constraining.prompts).isEmpty(); // never fell back to plain generation
        assertThat(r.usage().modelCalls()).isEqualTo(1);
        assertThat(r.usage().promptTokens()).isEqualTo(7);
        assertThat(r.trace().spans().get(0).calls())
                .singleElement()
                .satisfies(c -> assertThat(c.output()).isEqualTo("\"yes\""));
    }

    @Test
    void aFailingStepEndsTheRunWithItsErrorAndTheTraceSoFar() {
        ThinkingModule broken = new ThinkingModule() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public ThoughtState apply(ThoughtState state, StepContext ctx) {
                throw new IllegalStateException("no luck");
            }
        };

        RunResult r = orchestrator.run(Pipeline.of("p", "", List.of(caller("a", 1), broken)), RunRequest.of("q"));

        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.failure()).isInstanceOf(IllegalStateException.class);
        assertThat(r.stopReason()).contains("steps[1] (broken) failed: no luck");
        assertThat(r.trace().spans()).extracting(Span::failed).containsExactly(false, true);
        assertThat(r.answer()).isEqualTo("answer to a 0");
    }
}
