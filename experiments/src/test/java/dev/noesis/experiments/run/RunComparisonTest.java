package dev.noesis.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.experiments.report.ComparisonResult;
import dev.noesis.experiments.report.ExperimentResults;
import dev.noesis.experiments.run.cost.CostModel;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunComparisonTest {

    @TempDir
    Path work;

    private static ExperimentSpec spec(String model, int limit) {
        return ExperimentSpec.builder()
                .suites(List.of("tiny"))
                .pipelines(List.of("raw", "cot"))
                .models(List.of(model))
                .limit(limit)
                .build();
    }

    @Test
    void aSecondModelIsComparedWithTheFirstOnTheSameItems() {
        Map<String, TinySuite> suites = Map.of("tiny", new TinySuite("tiny", 200));
        Path a = work.resolve("a");
        Path b = work.resolve("b");
        ExperimentRunner.builder(
                        spec("models/old", 150),
                        suites,
                        new KnownAccuracyArms(Map.of("raw", 0.3, "cot", 0.4), Set.of()))
                .build()
                .run(a);
        // The new model ran on more items; only the common ones are paired.
        ExperimentRunner.builder(
                        spec("models/new", 200),
                        suites,
                        new KnownAccuracyArms(Map.of("raw", 0.9, "cot", 0.4), Set.of()))
                .build()
                .run(b);

        ExperimentResults compared = RunComparison.compare(a, b, CostModel.NONE);
        assertThat(compared.config().get("format").asText()).isEqualTo(RunComparison.FORMAT);
        assertThat(compared.arms()).extracting(x -> x.label()).containsExactly("A: raw", "A: cot", "B: raw", "B: cot");
        assertThat(compared.comparisons()).hasSize(2);
        ComparisonResult raw = compared.comparisons().get(0);
        assertThat(raw.arm()).isEqualTo("B: raw");
        assertThat(raw.baseline()).isEqualTo("A: raw");
        assertThat(raw.n()).isEqualTo(150);
        assertThat(raw.verdict().label()).isEqualTo("better");
        ComparisonResult cot = compared.comparisons().get(1);
        // Same accuracy and the same answers (they depend on item, pipeline and seed only): no difference.
        assertThat(cot.delta()).isZero();
        assertThat(cot.verdict().label()).isEqualTo("no detectable difference");
        assertThat(cot.pAdjusted()).isGreaterThanOrEqualTo(cot.pValue());
    }
}
