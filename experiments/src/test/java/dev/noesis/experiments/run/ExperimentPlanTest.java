package dev.noesis.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.experiments.log.ModelIdentity;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import dev.noesis.experiments.run.spec.ParamSet;
import dev.noesis.experiments.stats.DetectableEffect;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExperimentPlanTest {

    private static final ExperimentSpec SPEC = ExperimentSpec.builder()
            .suites(List.of("a", "b"))
            .pipelines(List.of("raw", "cot", "sc"))
            .models(List.of("m1", "m2"))
            .params(List.of(new ParamSet(64, 0, 1, List.of()), new ParamSet(64, 0.7, 1, List.of())))
            .seeds(List.of(1L, 2L, 3L))
            .limit(5)
            .build();

    @Test
    void theAxesMultiplyIntoArmsAndSeedsIntoRepetitions() {
        ExperimentPlan plan = ExperimentPlan.of(SPEC, Map.of("a", new TinySuite("a", 8), "b", new TinySuite("b", 3)));
        assertThat(plan.arms()).hasSize(2 * 3 * 2 * 2);
        assertThat(plan.arms().subList(0, 3))
                .extracting(ArmSpec::pipeline)
                .as("a model's and params' pipelines run together")
                .containsExactly("raw", "cot", "sc");
        assertThat(plan.arms().getFirst()).isEqualTo(new ArmSpec("a", "raw", "m1", new ParamSet(64, 0, 1, List.of())));
        assertThat(plan.items("a")).hasSize(5);
        assertThat(plan.items("b"))
                .as("a limit above the suite's size takes it all")
                .hasSize(3);
        // (5 + 3) items × 12 arms per suite × 3 seeds
        assertThat(plan.totalRuns()).isEqualTo((5 * 12 + 3 * 12) * 3L);
        assertThat(plan.arms().get(1).label(SPEC)).isEqualTo("cot @ m1 [t=0 p=1 max=64]");
    }

    @Test
    void aStructuredExperimentNeedsEverySuitesSchemaAndArmsThatHonourIt() {
        ExperimentSpec structured = ExperimentSpec.builder()
                .suites(List.of("a"))
                .pipelines(List.of("raw"))
                .models(List.of("m"))
                .structured(true)
                .build();
        assertThatThrownBy(() -> ExperimentPlan.of(structured, Map.of("a", new TinySuite("a", 3))))
                .isInstanceOf(dev.noesis.core.error.InvalidInputException.class)
                .hasMessageContaining("The suite 'a' has no answer schema");

        TinySuite withSchema = new TinySuite("a", 3) {
            @Override
            public Optional<dev.noesis.core.structured.JsonSchema> answerSchema() {
                return Optional.of(dev.noesis.experiments.suite.AnswerSchemas.shortAnswer());
            }
        };
        ExperimentPlan plan = ExperimentPlan.of(structured, Map.of("a", withSchema));
        assertThat(plan.answerSchema("a").orElseThrow().toJson())
                .isEqualTo(
                        dev.noesis.experiments.suite.AnswerSchemas.shortAnswer().toJson());
        ExperimentSpec plain = ExperimentSpec.builder()
                .suites(List.of("a"))
                .pipelines(List.of("raw"))
                .models(List.of("m"))
                .build();
        assertThat(ExperimentPlan.of(plain, Map.of("a", withSchema)).answerSchema("a"))
                .as("a plain experiment asks for no schema even where the suite has one")
                .isEmpty();

        // Arms that cannot constrain their answers refuse a structured run rather than run it plain.
        ArmFactory plainOnly = new ArmFactory() {
            @Override
            public ModelIdentity identify(String model) {
                return ModelIdentity.folder(model, "sha256:0");
            }

            @Override
            public Arm open(ArmSpec arm, PreparedSetup setup) {
                return (item, prompt, params) -> ArmAnswer.completed("x", null, null);
            }
        };
        assertThatThrownBy(
                        () -> plainOnly.open(plan.arms().getFirst(), PreparedSetup.none("a"), plan.answerSchema("a")))
                .hasMessageContaining("cannot generate structured answers");
    }

    @Test
    void theDetectableEffectIsKnownBeforeTheRun() {
        ExperimentSpec spec = ExperimentSpec.builder()
                .suites(List.of("a"))
                .pipelines(List.of("cot"))
                .models(List.of("m"))
                .limit(200)
                .build();
        ExperimentPlan plan = ExperimentPlan.of(spec, Map.of("a", new TinySuite("a", 500)));
        DetectableEffect e = plan.detectableEffects().get("a");
        assertThat(e.n()).isEqualTo(200);
        assertThat(e).isEqualTo(DetectableEffect.pairedBinary(200, ExperimentPlan.ASSUMED_DISAGREEMENT));
        assertThat(e.points()).as("200 items cannot see a 5-point gain").isGreaterThan(5);
    }

    @Test
    void theConfigPinsWhatTheNamesStoodFor() {
        ExperimentPlan plan = ExperimentPlan.of(SPEC, Map.of("a", new TinySuite("a", 8), "b", new TinySuite("b", 3)));
        Map<String, ModelIdentity> ids =
                Map.of("m1", ModelIdentity.folder("m1", "sha256:1"), "m2", ModelIdentity.server("http://x", "m2"));
        var config = plan.config(ids, Map.of("cot", Optional.of("sha256:cot")));
        assertThat(config.at("/resolved/models/m1/weights_hash").asText()).isEqualTo("sha256:1");
        assertThat(config.at("/resolved/pipelines/cot").asText()).isEqualTo("sha256:cot");
        assertThat(config.at("/resolved/pipelines/raw").isNull()).isTrue();
        assertThat(config.at("/resolved/suites/a/items").asInt()).isEqualTo(5);
        assertThat(config.at("/resolved/suites/a/metrics/0").asText()).isEqualTo("em");
        assertThat(config.has("parallel")).isFalse();
    }

    @Test
    void anUnknownSuiteIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> ExperimentPlan.of(SPEC, Map.of("a", new TinySuite("a", 8))))
                .hasMessage("There is no suite 'b'. Suites: a.");
    }
}
