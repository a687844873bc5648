package dev.noesis.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.module.ConditionValue;
import dev.noesis.core.module.ModuleFactory;
import dev.noesis.core.module.StepContext;
import dev.noesis.core.module.ThinkingModule;
import dev.noesis.core.thought.AttributeKey;
import dev.noesis.core.thought.ThoughtState;
import dev.noesis.core.trace.Span;
import dev.noesis.orchestrator.pipeline.ModuleRegistry;
import dev.noesis.orchestrator.pipeline.PipelineParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A module that is not shipped declares the values it exposes, and pipelines test them in when and until. */
class ModuleConditionsTest {

    static final AttributeKey<String> ROUTE = AttributeKey.of("router.route", String.class);

    /** A test-only router: sends long questions one way and short ones the other, and says which. */
    static final class Router implements ThinkingModule {
        record Config(Integer longerThan) {
            Config {
                longerThan = longerThan == null ? 20 : longerThan;
            }
        }

        private final Config config;

        Router(Config config) {
            this.config = config;
        }

        @Override
        public String name() {
            return "router";
        }

        @Override
        public ThoughtState apply(ThoughtState state, StepContext context) {
            return state.with(ROUTE, state.question().length() > config.longerThan() ? "long" : "short");
        }

        static final class Factory extends ModuleFactory<Config> {
            Factory() {
                super("router", "Chooses a branch by the question's length.", Config.class, (c, env) -> new Router(c));
            }

            @Override
            public List<ConditionValue> conditionValues() {
                return List.of(ConditionValue.flag(
                        "router.long",
                        "the question was routed the long way",
                        s -> s.attributes().get(ROUTE).map("long"::equals).orElse(false)));
            }
        }
    }

    private static final ModuleRegistry REGISTRY = TestPipelines.REGISTRY.with(new Router.Factory());
    private static final String PIPELINE = """
            name: routed
            steps:
              - router: { longerThan: 10 }
              - when: { condition: router.long, steps: [ { generator: { maxTokens: 5 } } ] }
              - when: { condition: not router.long and drafts.count == 0, steps: [ { generator: { task: none } } ] }
            """;

    private final ScriptedModel model = new ScriptedModel(p -> "ok");

    @Test
    void aModulesDeclaredValueChoosesTheBranch() {
        Pipeline p = new PipelineParser(REGISTRY).parse("routed.yaml", PIPELINE);

        RunResult longOne = new Orchestrator(model).run(p, RunRequest.of("a question that is long"));
        RunResult shortOne = new Orchestrator(model).run(p, RunRequest.of("short?"));

        assertThat(longOne.trace().spans())
                .extracting(Span::module)
                .containsExactly("router", "when", "generator", "when");
        assertThat(longOne.trace().spans().get(2).config()).containsEntry("maxTokens", 5);
        assertThat(shortOne.trace().spans())
                .extracting(Span::module)
                .containsExactly("router", "when", "when", "generator");
        assertThat(shortOne.trace().spans().get(3).config()).containsEntry("task", "none");
        assertThat(longOne.trace().spans().get(0).config())
                .as("traced from its record, which it does not report itself")
                .containsEntry("longerThan", 10);
    }

    @Test
    void theRegistryListsTheValuesItsModulesDeclareAndTheParserOnlyThose() {
        assertThat(REGISTRY.conditionNames())
                .contains(
                        "router.long",
                        "critic.accepted",
                        "critic.score",
                        "validator.passed",
                        "evidence.count",
                        "answer.present");
        assertThat(TestPipelines.REGISTRY.conditionNames())
                .doesNotContain("router.long")
                .containsExactly(
                        "answer.present",
                        "critic.accepted",
                        "critic.score",
                        "critiques.count",
                        "drafts.count",
                        "evidence.count",
                        "hints.count",
                        "plan.count",
                        "validator.passed");

        assertThatThrownBy(() -> new PipelineParser(REGISTRY)
                        .parse(
                                "p.yaml",
                                "name: x\nsteps:\n  - when: { condition: router.lng, steps: [ {generator: {}} ] }\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("p.yaml:3:24: in the condition \"router.lng\": the unknown name 'router.lng'")
                .hasMessageContaining("router.long");
        assertThatThrownBy(() -> TestPipelines.CATALOG.parser().parse("p.yaml", PIPELINE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not 'router'");
    }

    @Test
    void aModuleMayOnlyDeclareValuesUnderItsOwnName() {
        ModuleFactory<Router.Config> thief =
                new ModuleFactory<>("thief", "x", Router.Config.class, (c, env) -> new Router(c)) {
                    @Override
                    public List<ConditionValue> conditionValues() {
                        return List.of(ConditionValue.flag("critic.accepted", "", s -> true));
                    }
                };

        assertThatThrownBy(() -> TestPipelines.REGISTRY.with(thief))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("thief.<value>");
    }
}
