package dev.noesis.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.module.StepContext;
import dev.noesis.core.module.ThinkingModule;
import dev.noesis.core.thought.Draft;
import dev.noesis.core.thought.ThoughtState;
import dev.noesis.core.trace.ModelCall;
import dev.noesis.core.trace.Span;
import dev.noesis.orchestrator.RunResult.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which model each step of a run calls once an adapter is chosen: the runner's logic, with scripted models per adapter. */
class AdapterRunsTest {

    /** Scripted models, one per adapter, each answering with its own name; records which sessions each saw. */
    private static final class Models implements AdapterModels {
        final Map<String, ScriptedModel> byAdapter = new LinkedHashMap<>();
        final Set<String> registered;
        final List<String> endedSessions = new ArrayList<>();

        Models(String... registered) {
            this.registered = Set.of(registered);
        }

        private ScriptedModel model(String adapter) {
            return byAdapter.computeIfAbsent(adapter, a -> new ScriptedModel(p -> "from " + a) {
                @Override
                public void endSession(String sessionId) {
                    endedSessions.add(a + " " + sessionId);
                }
            });
        }

        @Override
        public LanguageModel base() {
            return model("base");
        }

        @Override
        public LanguageModel withAdapter(String adapter) {
            require(adapter);
            return model(adapter);
        }

        @Override
        public void require(String adapter) {
            if (!registered.contains(adapter)) {
                throw new InvalidInputException("No adapter named \"" + adapter + "\" is registered.");
            }
        }
    }

    /** Calls the model once and drafts what it said. */
    private static ThinkingModule caller(String name) {
        return new ThinkingModule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ThoughtState apply(ThoughtState state, StepContext ctx) {
                String text =
                        ctx.model().generate(Prompt.of(name), ctx.params()).text();
                return state.addDraft(Draft.of(text, name));
            }
        };
    }

    /** Sets the run's adapter, as the adapter-router module does. */
    private static ThinkingModule router(String adapter) {
        return new ThinkingModule() {
            @Override
            public String name() {
                return "adapter-router";
            }

            @Override
            public ThoughtState apply(ThoughtState state, StepContext ctx) {
                ctx.note("adapter: " + adapter, "test router");
                return state.withAdapter(adapter);
            }
        };
    }

    private static Step.Apply step(ThinkingModule m) {
        return new Step.Apply(m, Position.NONE);
    }

    private static Step.Apply step(ThinkingModule m, String adapter) {
        return new Step.Apply(m, Position.NONE, Optional.of(AdapterChoice.of(adapter)));
    }

    private static List<String> drafts(RunResult r) {
        return r.state().drafts().stream().map(Draft::text).toList();
    }

    @Test
    void afterTheRouterChoosesEveryLaterCallUsesThatAdapterAndTheEarlierOnesTheBase() {
        Models models = new Models("legal", "medical");
        Pipeline p = new Pipeline(
                "routed",
                "",
                List.of(
                        step(caller("before")),
                        step(router("legal")),
                        step(caller("generator")),
                        new Step.Repeat(2, null, List.of(step(caller("critic"))), Position.NONE)));

        RunResult r = Orchestrator.over(models).run(p, RunRequest.of("q"));

        assertThat(r.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(drafts(r)).containsExactly("from base", "from legal", "from legal", "from legal");
        assertThat(r.state().adapter()).isEqualTo("legal");
        assertThat(r.trace().model()).isEqualTo("scripted@legal");
        assertThat(models.byAdapter).doesNotContainKey("medical");
        Span generator = r.trace().spans().get(2);
        assertThat(generator.notes()).anySatisfy(n -> assertThat(n.what()).isEqualTo("model calls on adapter legal"));
        assertThat(r.trace().spans().get(0).notes()).isEmpty();
    }

    @Test
    void eachAdapterHasItsOwnSessionAndEverySessionIsEnded() {
        Models models = new Models("legal");
        Pipeline p = new Pipeline(
                "routed", "", List.of(step(caller("a")), step(router("legal")), step(caller("b")), step(caller("c"))));

        RunResult r = Orchestrator.over(models).run(p, RunRequest.of("q"));

        String base = models.byAdapter.get("base").prompts.get(0).sessionId();
        List<String> legal = models.byAdapter.get("legal").prompts.stream()
                .map(Prompt::sessionId)
                .distinct()
                .toList();
        assertThat(legal).hasSize(1);
        assertThat(legal.get(0)).isNotEqualTo(base).endsWith("@legal");
        assertThat(models.endedSessions).containsExactly("base " + base, "legal " + legal.get(0));
        assertThat(r.usage().modelCalls()).isEqualTo(3);
    }

    @Test
    void aStepThatNamesAnAdapterUsesItForItsOwnCallsOnly() {
        Models models = new Models("legal", "medical");
        Pipeline p = new Pipeline(
                "mixed",
                "",
                List.of(
                        step(router("legal")),
                        step(caller("generator")),
                        step(caller("critic"), "medical"),
                        step(caller("check"), "base"),
                        step(caller("after"))));

        RunResult r = Orchestrator.over(models).run(p, RunRequest.of("q"));

        assertThat(drafts(r)).containsExactly("from legal", "from medical", "from base", "from legal");
        assertThat(r.trace().spans().get(2).notes())
                .anySatisfy(n -> assertThat(n.why()).isEqualTo("the step names it"));
    }

    @Test
    void theRunsAdapterHoldsFromTheFirstCall() {
        Models models = new Models("legal");
        Pipeline p = new Pipeline("p", "", List.of(step(caller("generator")))).withAdapter(AdapterChoice.of("legal"));

        RunResult r = Orchestrator.over(models).run(p, RunRequest.of("q"));

        assertThat(drafts(r)).containsExactly("from legal");
        assertThat(models.byAdapter.get("base").prompts).isEmpty();
    }

    @Test
    void anUnknownAdapterStopsTheRunBeforeAnyCallWithWhereItIsWritten() {
        Models models = new Models("legal");
        Pipeline p = new Pipeline(
                "p",
                "",
                List.of(
                        step(caller("generator")),
                        new Step.Apply(
                                caller("critic"),
                                Position.NONE,
                                Optional.of(new AdapterChoice("legl", new Position("p.yaml", 4, 14))))));

        assertThatThrownBy(() -> Orchestrator.over(models).run(p, RunRequest.of("q")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("p.yaml:4:14: No adapter named \"legl\" is registered.");
        assertThat(models.byAdapter.get("base")).isNull();
    }

    @Test
    void aModelThatTakesNoAdapterRefusesOneAndRunsWithoutAsBefore() {
        ScriptedModel plain = new ScriptedModel(p -> "plain");
        Pipeline routed = new Pipeline("p", "", List.of(step(router("legal")), step(caller("generator"))));

        RunResult r = new Orchestrator(plain).run(routed, RunRequest.of("q"));
        RunResult unrouted = new Orchestrator(plain)
                .run(new Pipeline("p", "", List.of(step(caller("generator")))), RunRequest.of("q"));

        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.stopReason()).contains("takes no LoRA adapter").contains("legal");
        assertThat(unrouted.answer()).isEqualTo("plain");
        assertThat(plain.prompts).hasSize(1);
        assertThat(r.trace().spans().get(1).calls())
                .extracting(ModelCall::output)
                .isEmpty();
    }
}
