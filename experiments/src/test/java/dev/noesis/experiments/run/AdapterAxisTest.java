package dev.noesis.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.experiments.log.ItemLogReader;
import dev.noesis.experiments.log.ItemRecord;
import dev.noesis.experiments.log.ModelIdentity;
import dev.noesis.experiments.log.Usage;
import dev.noesis.experiments.report.ComparisonResult;
import dev.noesis.experiments.report.ExperimentResults;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import dev.noesis.experiments.suite.Suite;
import dev.noesis.experiments.suite.SuiteItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter axis: every pipeline runs on each adapter, the adapter is part of each record's key
 * (a resumed run skips what is logged), and each adapter arm is compared with the same pipeline on
 * the base, while the pipelines on the base are compared with the baseline as ever.
 */
class AdapterAxisTest {

    @TempDir
    Path work;

    /** Right with a probability set by the arm's adapter, so the adapter comparisons have a known sign. */
    static final class AdapterArms implements ArmFactory {
        final Map<String, Double> accuracy;
        final AtomicInteger calls = new AtomicInteger();
        final List<ArmSpec> opened = new ArrayList<>();

        AdapterArms(Map<String, Double> accuracy) {
            this.accuracy = accuracy;
        }

        @Override
        public ModelIdentity identify(String model) {
            return ModelIdentity.folder(model, "sha256:" + Integer.toHexString(model.hashCode()));
        }

        @Override
        public synchronized Arm open(ArmSpec spec, PreparedSetup setup) {
            opened.add(spec);
            return (item, prompt, params) -> {
                calls.incrementAndGet();
                boolean right = KnownAccuracyArms.right(
                        item.id(), spec.pipeline() + spec.adapter(), params.seed(), accuracy.get(spec.adapter()));
                return ArmAnswer.completed(
                        right ? item.gold().get(0) : "no idea",
                        new Usage(10, 1, 1, 5, 0, 0),
                        JsonNodeFactory.instance.objectNode());
            };
        }
    }

    @Test
    void eachAdapterArmIsComparedWithItsPipelineOnTheBase() throws Exception {
        Map<String, Suite> suites = Map.of("tiny", new TinySuite("tiny", 40));
        ExperimentSpec spec = ExperimentSpec.builder()
                .suites(List.of("tiny"))
                .pipelines(List.of("raw", "cot"))
                .models(List.of("models/a"))
                .adapters(List.of("math"))
                .build();
        assertThat(spec.adapters()).containsExactly("base", "math");
        assertThat(spec.config().path("adapters").toString()).isEqualTo("[\"base\",\"math\"]");

        AdapterArms arms = new AdapterArms(Map.of("base", 0.1, "math", 0.95));
        Path folder = work.resolve("run");
        ExperimentResults results = ExperimentRunner.builder(spec, suites, arms)
                .build()
                .run(folder)
                .results()
                .orElseThrow();

        assertThat(arms.opened)
                .extracting(a -> a.pipeline() + "+" + a.adapter())
                .containsExactlyInAnyOrder("raw+base", "raw+math", "cot+base", "cot+math");
        assertThat(results.arms()).hasSize(4);
        List<ItemRecord> items =
                ItemLogReader.read(folder.resolve("items.jsonl")).records();
        assertThat(items).hasSize(4 * 40);
        assertThat(items).extracting(ItemRecord::adapter).containsOnly("base", "math");
        assertThat(Files.readString(folder.resolve("items.jsonl"))).contains("\"adapter\":\"math\"");

        assertThat(results.comparisons())
                .extracting(c -> c.arm() + " vs " + c.baseline())
                .containsExactlyInAnyOrder(
                        "cot +base vs raw +base", "raw +math vs raw +base", "cot +math vs cot +base");
        for (ComparisonResult c : results.comparisons()) {
            if (c.arm().endsWith("+math")) {
                assertThat(c.verdict().label()).as(c.arm()).isEqualTo("better");
            }
        }

        // The adapter is in the key: resuming finds every item logged, arm by arm.
        int before = arms.calls.get();
        ExperimentRunner.builder(spec, suites, arms).build().run(folder);
        assertThat(arms.calls.get()).isEqualTo(before);
    }

    @Test
    void aRunWithoutTheAxisLogsNoAdapter() throws Exception {
        ExperimentSpec spec = ExperimentSpec.builder()
                .suites(List.of("tiny"))
                .pipelines(List.of("raw"))
                .models(List.of("models/a"))
                .build();
        assertThat(spec.config().has("adapters")).isFalse();
        Path folder = work.resolve("plain");
        ExperimentRunner.builder(
                        spec,
                        Map.of("tiny", new TinySuite("tiny", 5)),
                        new AdapterArms(java.util.Collections.singletonMap(null, 0.5)))
                .build()
                .run(folder);
        assertThat(Files.readString(folder.resolve("items.jsonl"))).doesNotContain("adapter");
    }

    @Test
    void theOracleNeedsEveryItemLabelled() {
        ExperimentSpec spec = ExperimentSpec.builder()
                .suites(List.of("tiny"))
                .pipelines(List.of("raw"))
                .models(List.of("models/a"))
                .adapters(List.of("math", "oracle"))
                .build();
        assertThatThrownBy(() -> ExperimentPlan.of(spec, Map.of("tiny", new TinySuite("tiny", 3))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'q0'")
                .hasMessageContaining("'adapter' field");
        SuiteItem labelled = new SuiteItem("x", "q?", List.of("a"), null, Map.of("adapter", " math "));
        assertThat(ExperimentPlan.oracleAdapter(labelled)).contains("math");
    }

    @Test
    void theRoutersAccuracyAndConfusionCountLabelledItemsOnce() {
        var r = dev.noesis.experiments.report.RouterResult.of(
                "s",
                "raw +router",
                Map.of("q1", "legal", "q2", "legal", "q3", "cooking", "q4", "cooking"),
                Map.of("q1", "legal", "q2", "base", "q3", "cooking", "q5", "legal"));
        assertThat(r.items()).isEqualTo(3);
        assertThat(r.correct()).isEqualTo(2);
        assertThat(r.accuracy()).isEqualTo(2.0 / 3);
        assertThat(r.confusion())
                .isEqualTo(Map.of("legal", Map.of("legal", 1, "base", 1), "cooking", Map.of("cooking", 1)));
    }
}
