package dev.noesis.wiring.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.trace.ModelCall;
import dev.noesis.experiments.log.ItemLogReader;
import dev.noesis.experiments.log.ItemRecord;
import dev.noesis.experiments.log.Outcome;
import dev.noesis.experiments.log.RunDirectory;
import dev.noesis.experiments.report.ArmResult;
import dev.noesis.experiments.report.ComparisonResult;
import dev.noesis.experiments.report.ExperimentResults;
import dev.noesis.experiments.report.ReportWriter;
import dev.noesis.experiments.report.RouterResult;
import dev.noesis.experiments.run.ExperimentRunner;
import dev.noesis.experiments.run.cache.ModelCallCache;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import dev.noesis.experiments.run.spec.ParamSet;
import dev.noesis.experiments.suite.Suite;
import dev.noesis.experiments.suite.user.UserSuite;
import dev.noesis.jlama.JlamaLanguageModel;
import dev.noesis.jlama.lora.LoraVariants;
import dev.noesis.jlama.testing.PeftAdapters;
import dev.noesis.lora.AdapterRegistry;
import dev.noesis.wiring.NoesisConfig;
import dev.noesis.wiring.Notices;
import dev.noesis.wiring.Wiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter axis through the real parts: the tiny Jlama model (random weights), two seeded random
 * PEFT adapters merged into it, the registry and the embedding router, over a user suite whose items
 * are labelled with their adapter. Every arm runs each item on the adapter it stands for, the adapter
 * keys the model-call cache, and each adapter arm is compared with the base. On random weights no gain
 * is real: only the wiring is checked, never a score.
 */
class AdapterAxisOnJlamaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ITEMS = 10;

    @TempDir
    Path home;

    private NoesisConfig config(Map<String, String> keys) {
        Properties system = new Properties();
        system.setProperty("user.home", home.toString());
        return NoesisConfig.load(Map.of("NOESIS_HOME", home.resolve("noesis").toString()), system, keys);
    }

    @Test
    void baseAdaptersRouterAndOracleRunKeyedCachedAndComparedWithTheBase() throws Exception {
        NoesisConfig config = config(Map.of());
        Wiring wiring = new Wiring(config, Notices.SILENT);
        Path modelDir = wiring.models().demoModel(false);
        AdapterRegistry registry = wiring.adapters().registry();
        registry.add(
                PeftAdapters.write(
                        modelDir, home.resolve("src/legal"), PeftAdapters.Spec.of(8, 128, 1, "q_proj", "v_proj")),
                AdapterRegistry.AddRequest.copyOf()
                        .named("legal")
                        .describedAs(
                                "Tenancy law, contracts and courts",
                                List.of("Can my landlord evict me without notice?", "Is a verbal contract binding?")));
        registry.add(
                PeftAdapters.write(
                        modelDir, home.resolve("src/cooking"), PeftAdapters.Spec.of(8, 128, 2, "q_proj", "v_proj")),
                AdapterRegistry.AddRequest.copyOf()
                        .named("cooking")
                        .describedAs(
                                "Recipes and kitchen technique",
                                List.of("How long do I boil an egg?", "What can replace butter in a cake?")));

        Map<String, String> labels = new HashMap<>();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < ITEMS; i++) {
            String adapter = i % 2 == 0 ? "legal" : "cooking";
            String question = adapter.equals("legal")
                    ? "May a landlord keep deposit number " + i + " after the tenancy ends?"
                    : "How many minutes should egg number " + i + " boil?";
            labels.put("q" + i, adapter);
            lines.append(JSON.writeValueAsString(
                            Map.of("id", "q" + i, "question", question, "answer", "yes", "adapter", adapter)))
                    .append('\n');
        }
        Path suiteFile = Files.writeString(home.resolve("domains.jsonl"), lines);
        Map<String, Suite> suites = Map.of(suiteFile.toString(), UserSuite.load(suiteFile));
        ExperimentSpec spec = ExperimentSpec.builder()
                .suites(List.of(suiteFile.toString()))
                .pipelines(List.of("raw"))
                .models(List.of(modelDir.toString()))
                .params(List.of(new ParamSet(4, 0.0, 1.0, List.of())))
                .adapters(List.of("legal", "cooking", "router", "oracle"))
                .build();

        Path folder = home.resolve("run");
        ModelCallCache cache = ModelCallCache.open(config.modelCallCacheDir(), 1 << 24);
        ExperimentResults results;
        try (DataHomes homes = new DataHomes(config, this::config, folder.resolve("setups"), Notices.SILENT);
                ExperimentArms arms = new ExperimentArms(wiring, homes, cache, true)) {
            results = ExperimentRunner.builder(spec, suites, arms)
                    .setups(folder.resolve("setups"), homes)
                    .build()
                    .run(folder)
                    .results()
                    .orElseThrow();
        }

        List<ItemRecord> records =
                ItemLogReader.read(folder.resolve(RunDirectory.ITEMS)).records();
        assertThat(JSON.readTree(folder.resolve(RunDirectory.MANIFEST).toFile())
                        .at("/config/resolved/adapters/legal")
                        .asText())
                .isEqualTo(registry.show("legal").contentHash());
        assertThat(records).hasSize(5 * ITEMS);
        for (ItemRecord r : records) {
            assertThat(r.outcome())
                    .as(r.itemId() + " " + r.error())
                    .isEqualTo(dev.noesis.experiments.log.Outcome.COMPLETED);
            String used = JSON.readTree(folder.resolve(r.trace()).toFile())
                    .path(ExperimentArms.ADAPTER_FIELD)
                    .asText();
            switch (r.adapter()) {
                case "oracle" -> assertThat(used).isEqualTo(labels.get(r.itemId()));
                case "router" -> assertThat(used).isIn("base", "legal", "cooking");
                default -> assertThat(used).isEqualTo(r.adapter());
            }
        }

        // The router's accuracy and confusion matrix, counted here from the logged choices.
        int correct = 0;
        Map<String, Map<String, Integer>> confusion = new java.util.TreeMap<>();
        for (ItemRecord r : records) {
            if (r.adapter().equals("router")) {
                assertThat(r.adapterUsed()).isNotNull();
                String label = labels.get(r.itemId());
                correct += label.equals(r.adapterUsed()) ? 1 : 0;
                confusion
                        .computeIfAbsent(label, k -> new java.util.TreeMap<>())
                        .merge(r.adapterUsed(), 1, Integer::sum);
            } else if (r.adapter().equals("oracle")) {
                assertThat(r.adapterUsed()).isEqualTo(labels.get(r.itemId()));
            } else {
                assertThat(r.adapterUsed()).isNull();
            }
        }
        assertThat(results.router()).hasSize(1);
        RouterResult router = results.router().getFirst();
        assertThat(router.arm()).isEqualTo("raw +router");
        assertThat(router.items()).isEqualTo(ITEMS);
        assertThat(router.correct()).isEqualTo(correct);
        assertThat(router.accuracy()).isEqualTo((double) correct / ITEMS);
        assertThat(router.confusion()).isEqualTo(confusion);
        String report = Files.readString(ReportWriter.rebuild(folder).markdown());
        assertThat(report).contains("## Router raw \\+router", correct + " of " + ITEMS + " labelled items");
        assertThat(Files.readString(folder.resolve(ReportWriter.RESULTS))).contains("\"router\"", "\"confusion\"");

        Map<String, ArmResult> byAdapter = new HashMap<>();
        for (ArmResult a : results.arms()) {
            byAdapter.put(a.label().substring(a.label().indexOf('+') + 1), a);
        }
        assertThat(byAdapter).containsOnlyKeys("base", "legal", "cooking", "router", "oracle");
        // The adapter keys the cache: the legal arm, run after the base on the same prompts, hits nothing ...
        assertThat(byAdapter.get("legal").cacheHits()).isZero();
        assertThat(byAdapter.get("cooking").cacheHits()).isZero();
        // ... and the oracle's every call was made before, by the arm of its item's adapter.
        assertThat(byAdapter.get("oracle").cacheHits())
                .isEqualTo(byAdapter.get("oracle").modelCalls())
                .isEqualTo(ITEMS);

        assertThat(results.comparisons())
                .extracting(ComparisonResult::arm, ComparisonResult::baseline)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("raw +legal", "raw +base"),
                        org.assertj.core.groups.Tuple.tuple("raw +cooking", "raw +base"),
                        org.assertj.core.groups.Tuple.tuple("raw +router", "raw +base"),
                        org.assertj.core.groups.Tuple.tuple("raw +oracle", "raw +base"));
    }

    /** Adapters on q, v and o with alpha/r = 16: strong enough that the tiny model's greedy text changes. */
    private static void registerStrong(Wiring wiring, Path modelDir, Path src, String name, long seed, String about) {
        wiring.adapters()
                .registry()
                .add(
                        PeftAdapters.write(
                                modelDir,
                                src.resolve(name),
                                PeftAdapters.Spec.of(8, 128, seed, "q_proj", "v_proj", "o_proj")),
                        AdapterRegistry.AddRequest.copyOf().named(name).describedAs(about, List.of(about + "?")));
    }

    private static final String COOK_THEN_ANSWER = """
            name: cook-then-answer
            steps:
              - generator: {}
                adapter: cooking
              - generator: {}
            """;

    @Test
    void aStepThatNamesItsOwnAdapterKeepsItInEveryArmAndTheArmsAdapterRunsTheOtherSteps() throws Exception {
        NoesisConfig config = config(Map.of());
        Wiring wiring = new Wiring(config, Notices.SILENT);
        Path modelDir = wiring.models().demoModel(false);
        registerStrong(wiring, modelDir, home.resolve("src"), "legal", 1, "Tenancy law");
        registerStrong(wiring, modelDir, home.resolve("src"), "cooking", 2, "Recipes");
        Files.createDirectories(config.pipelinesDir());
        Files.writeString(config.pipelinesDir().resolve("cook-then-answer.yaml"), COOK_THEN_ANSWER);
        int items = 4;
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < items; i++) {
            lines.append(JSON.writeValueAsString(
                            Map.of("id", "q" + i, "question", "What is question number " + i + "?", "answer", "yes")))
                    .append('\n');
        }
        Path suiteFile = Files.writeString(home.resolve("plain.jsonl"), lines);
        ParamSet params = new ParamSet(8, 0.0, 1.0, List.of());
        ExperimentSpec spec = ExperimentSpec.builder()
                .suites(List.of(suiteFile.toString()))
                .pipelines(List.of("cook-then-answer"))
                .models(List.of(modelDir.toString()))
                .params(List.of(params))
                .adapters(List.of("legal"))
                .build();

        Path folder = home.resolve("run");
        ModelCallCache cache = ModelCallCache.open(config.modelCallCacheDir(), 1 << 24);
        try (DataHomes homes = new DataHomes(config, this::config, folder.resolve("setups"), Notices.SILENT);
                ExperimentArms arms = new ExperimentArms(wiring, homes, cache, true)) {
            ExperimentRunner.builder(spec, Map.of(suiteFile.toString(), UserSuite.load(suiteFile)), arms)
                    .setups(folder.resolve("setups"), homes)
                    .build()
                    .run(folder);
        }

        // The raw baseline's arms aside, which name no adapter.
        List<ItemRecord> records = ItemLogReader.read(folder.resolve(RunDirectory.ITEMS)).records().stream()
                .filter(r -> r.pipeline().equals("cook-then-answer"))
                .toList();
        assertThat(records).hasSize(2 * items);
        long hits = 0;
        JlamaLanguageModel base = JlamaLanguageModel.open(modelDir);
        try (base;
                JlamaLanguageModel cooking = LoraVariants.open(
                        base, wiring.adapters().registry().show("cooking").folder(), "cooking", false);
                JlamaLanguageModel legal = LoraVariants.open(
                        base, wiring.adapters().registry().show("legal").folder(), "legal", false)) {
            int cookingDiffersFromBase = 0;
            for (ItemRecord r : records) {
                assertThat(r.outcome()).as(r.itemId() + " " + r.error()).isEqualTo(Outcome.COMPLETED);
                hits += r.usage().cacheHits();
                var spans = JSON.readTree(folder.resolve(r.trace()).toFile()).at("/trace/spans");
                assertThat(spans).hasSize(2);
                // The first step names cooking: it runs on cooking in both arms ...
                assertThat(notes(spans.get(0))).contains("model calls on adapter cooking");
                var first = call(spans.get(0));
                assertThat(cooking.generate(first.prompt(), params.params(0)).text())
                        .isEqualTo(first.output());
                cookingDiffersFromBase +=
                        base.generate(first.prompt(), params.params(0)).text().equals(first.output()) ? 0 : 1;
                // ... and the other step on the arm's adapter: legal in the legal arm, the base model in the base arm.
                var second = call(spans.get(1));
                if (r.adapter().equals("legal")) {
                    assertThat(notes(spans.get(1))).contains("model calls on adapter legal");
                    assertThat(legal.generate(second.prompt(), params.params(0)).text())
                            .isEqualTo(second.output());
                } else {
                    assertThat(r.adapter()).isEqualTo("base");
                    assertThat(notes(spans.get(1))).noneMatch(n -> n.startsWith("model calls on adapter"));
                    assertThat(base.generate(second.prompt(), params.params(0)).text())
                            .isEqualTo(second.output());
                }
            }
            assertThat(cookingDiffersFromBase)
                    .as("the cooking adapter changes the tiny model's text, so the replay tells the variants apart")
                    .isPositive();
        }
        // The cooking step's calls are keyed by cooking whatever the arm: the second arm finds each in the
        // cache; the other step's calls (on the base, then on legal) never hit.
        assertThat(hits).isEqualTo(items);

        // Without the axis, the pipeline runs as written: its step on cooking, the rest on the base.
        Path plain = home.resolve("plain-run");
        try (DataHomes homes = new DataHomes(config, this::config, plain.resolve("setups"), Notices.SILENT);
                ExperimentArms arms = new ExperimentArms(wiring, homes, cache, true)) {
            ExperimentRunner.builder(
                            ExperimentSpec.builder()
                                    .suites(spec.suites())
                                    .pipelines(spec.pipelines())
                                    .models(spec.models())
                                    .params(spec.params())
                                    .build(),
                            Map.of(suiteFile.toString(), UserSuite.load(suiteFile)),
                            arms)
                    .setups(plain.resolve("setups"), homes)
                    .build()
                    .run(plain);
        }
        for (ItemRecord r :
                ItemLogReader.read(plain.resolve(RunDirectory.ITEMS)).records()) {
            assertThat(r.outcome()).as(r.itemId() + " " + r.error()).isEqualTo(Outcome.COMPLETED);
            if (r.pipeline().equals("cook-then-answer")) {
                var spans = JSON.readTree(plain.resolve(r.trace()).toFile()).at("/trace/spans");
                assertThat(notes(spans.get(0))).contains("model calls on adapter cooking");
                assertThat(notes(spans.get(1))).noneMatch(n -> n.startsWith("model calls on adapter"));
                // Both calls were made before, by the base arm of the run above.
                assertThat(r.usage().cacheHits()).isEqualTo(2);
            }
        }
    }

    @Test
    void aPipelineThatNamesAnUnregisteredAdapterIsRefusedBeforeAnythingRunsWithItsFileAndLine() throws Exception {
        NoesisConfig config = config(Map.of());
        Wiring wiring = new Wiring(config, Notices.SILENT);
        Files.createDirectories(config.pipelinesDir());
        Path file = Files.writeString(config.pipelinesDir().resolve("cook-then-answer.yaml"), COOK_THEN_ANSWER);
        try (DataHomes homes = new DataHomes(config, this::config, home.resolve("setups"), Notices.SILENT);
                ExperimentArms arms = new ExperimentArms(
                        wiring, homes, ModelCallCache.open(config.modelCallCacheDir(), 1 << 20), true)) {
            assertThatThrownBy(() -> arms.fingerprint("cook-then-answer"))
                    .isInstanceOf(dev.noesis.core.error.InvalidInputException.class)
                    .hasMessageStartingWith(file + ":4:")
                    .hasMessageContaining("cooking");

            // Registered, its weights are part of the pipeline's fingerprint: registered again with
            // others, the pipeline is another experiment's.
            Path modelDir = wiring.models().demoModel(false);
            registerStrong(wiring, modelDir, home.resolve("src1"), "cooking", 2, "Recipes");
            String first = arms.fingerprint("cook-then-answer").orElseThrow();
            assertThat(arms.fingerprint("cook-then-answer")).contains(first);
            wiring.adapters().registry().remove("cooking");
            registerStrong(wiring, modelDir, home.resolve("src2"), "cooking", 3, "Recipes");
            assertThat(arms.fingerprint("cook-then-answer").orElseThrow()).isNotEqualTo(first);
        }
    }

    private static List<String> notes(com.fasterxml.jackson.databind.JsonNode span) {
        List<String> out = new java.util.ArrayList<>();
        span.path("notes").forEach(n -> out.add(n.path("what").asText()));
        return out;
    }

    private static ModelCall call(com.fasterxml.jackson.databind.JsonNode span) throws Exception {
        assertThat(span.path("calls")).hasSize(1);
        ModelCall call = JSON.treeToValue(span.path("calls").get(0), ModelCall.class);
        // Asked again on its own, outside the run's KV session.
        return new ModelCall(
                new Prompt(call.prompt().system(), call.prompt().messages(), null),
                call.output(),
                call.promptTokens(),
                call.completionTokens(),
                call.reusedPromptTokens(),
                call.promptMs(),
                call.generationMs(),
                call.finishReason(),
                call.startMs());
    }
}
