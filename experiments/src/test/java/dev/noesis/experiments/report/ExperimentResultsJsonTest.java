package dev.noesis.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.experiments.stats.ArmEstimate;
import dev.noesis.experiments.stats.ComparisonFamily;
import dev.noesis.experiments.stats.ItemScores;
import dev.noesis.experiments.stats.JudgedComparison;
import dev.noesis.experiments.stats.PairedComparison;
import dev.noesis.experiments.stats.Resampling;
import dev.noesis.experiments.stats.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code results.json} keeps the names scripts read, with any mapper, and reads back equal. */
class ExperimentResultsJsonTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static ExperimentResults sample() throws Exception {
        Map<String, Integer> raw = new LinkedHashMap<>();
        Map<String, Integer> sc = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            raw.put("q" + i, i % 2);
            sc.put("q" + i, i % 4 == 0 ? 1 : i % 2);
        }
        ItemScores base = ItemScores.of("raw", raw);
        ItemScores arm = ItemScores.of("self-consistency", sc);
        Resampling resampling = new Resampling(1_000, 20_240_611L);
        JudgedComparison judged = ComparisonFamily.judge(List.of(PairedComparison.of(arm, base, resampling)))
                .getFirst();
        JsonNode config = PLAIN.readTree("{\"suites\": [\"gsm8k\"], \"pipelines\": [\"raw\", \"self-consistency\"]}");
        return ExperimentResults.of(
                config,
                List.of(
                        ArmResult.of(
                                "gsm8k", "raw", "tiny", "em", ArmEstimate.of(base, resampling), 12_000, 41.5, null),
                        ArmResult.of(
                                "gsm8k",
                                "self-consistency",
                                "tiny",
                                "em",
                                ArmEstimate.of(arm, resampling),
                                61_000,
                                210.0,
                                0.42)),
                List.of(ComparisonResult.of("gsm8k", "em", judged)));
    }

    @Test
    void theDocumentedNamesAreWritten() throws Exception {
        JsonNode json = PLAIN.readTree(PLAIN.writeValueAsString(sample()));
        assertThat(names(json)).containsExactly("format", "config", "arms", "comparisons");
        assertThat(json.get("format").asText()).isEqualTo("noesis-results/1");
        assertThat(json.at("/config/suites/0").asText()).isEqualTo("gsm8k");

        JsonNode arm = json.at("/arms/0");
        assertThat(names(arm))
                .as("the documented names come first; detail fields follow")
                .startsWith(
                        "suite",
                        "pipeline",
                        "model",
                        "n",
                        "metric",
                        "mean",
                        "ci_low",
                        "ci_high",
                        "tokens",
                        "model_seconds",
                        "cost_per_1k");
        assertThat(arm.get("n").asInt()).isEqualTo(40);
        assertThat(arm.get("mean").asDouble()).isEqualTo(0.5);
        assertThat(arm.get("cost_per_1k").isNull())
                .as("no price known: null, not left out")
                .isTrue();
        assertThat(json.at("/arms/1/cost_per_1k").asDouble()).isEqualTo(0.42);

        JsonNode comparison = json.at("/comparisons/0");
        assertThat(names(comparison))
                .startsWith(
                        "suite",
                        "arm",
                        "baseline",
                        "metric",
                        "n",
                        "delta",
                        "ci_low",
                        "ci_high",
                        "p_value",
                        "p_adjusted",
                        "verdict",
                        "test",
                        "resamples",
                        "seed");
        assertThat(comparison.get("arm").asText()).isEqualTo("self-consistency");
        assertThat(comparison.get("baseline").asText()).isEqualTo("raw");
        // 10 items flip from wrong to right, none the other way: 0.25, and p = 2/2¹⁰.
        assertThat(comparison.get("delta").asDouble()).isEqualTo(0.25);
        assertThat(comparison.get("p_value").asDouble()).isCloseTo(2.0 / 1024, within(1e-15));
        assertThat(comparison.get("verdict").asText()).isEqualTo("better");
        assertThat(comparison.get("test").asText()).isEqualTo("mcnemar-exact");
        assertThat(comparison.get("resamples").asInt()).isEqualTo(1_000);
        assertThat(comparison.get("seed").asLong()).isEqualTo(20_240_611L);
        assertThat(comparison.get("ci_low").asDouble()).isGreaterThan(0).isLessThan(0.25);
    }

    @Test
    void resultsReadBackEqual() throws Exception {
        ExperimentResults results = sample();
        assertThat(PLAIN.readValue(PLAIN.writeValueAsString(results), ExperimentResults.class))
                .isEqualTo(results);
    }

    @Test
    void verdictsAreWrittenInTheThreeDocumentedWords() throws Exception {
        assertThat(java.util.Arrays.stream(Verdict.values()).map(v -> {
                    try {
                        return PLAIN.writeValueAsString(v);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }))
                .containsExactlyInAnyOrder("\"better\"", "\"worse\"", "\"no detectable difference\"");
        assertThat(PLAIN.readValue("\"no detectable difference\"", Verdict.class))
                .isEqualTo(Verdict.NO_DETECTABLE_DIFFERENCE);
    }

    @Test
    void theFormatPageDocumentsEveryNameTheRecordsWrite() throws Exception {
        // Tests run in the module folder; the page is at the repository root.
        String page = Files.readString(Path.of("..", "docs", "results-format.md"));
        JsonNode json = PLAIN.readTree(PLAIN.writeValueAsString(sample()));
        List<String> written = new ArrayList<>(names(json));
        written.addAll(names(json.at("/arms/0")));
        written.addAll(names(json.at("/comparisons/0")));

        assertThat(page).contains("# `results.json`: the results format `" + ExperimentResults.FORMAT + "`");
        for (String name : written) {
            assertThat(page).as("docs/results-format.md documents `%s`", name).contains("| `" + name + "` |");
        }
        for (Verdict v : Verdict.values()) {
            assertThat(page).contains("`" + v.label() + "`");
        }
    }
}
