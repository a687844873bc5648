package dev.noesis.wiring.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.experiments.log.ItemLogReader;
import dev.noesis.experiments.log.ItemRecord;
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
}
