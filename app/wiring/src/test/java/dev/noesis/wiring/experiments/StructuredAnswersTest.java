package dev.noesis.wiring.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.experiments.log.ItemLogReader;
import dev.noesis.experiments.log.ItemRecord;
import dev.noesis.experiments.log.RunDirectory;
import dev.noesis.experiments.report.ArmResult;
import dev.noesis.experiments.report.ReportWriter;
import dev.noesis.experiments.run.ExperimentRunner;
import dev.noesis.experiments.run.RunSummary;
import dev.noesis.experiments.run.cache.ModelCallCache;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import dev.noesis.experiments.run.spec.ParamSet;
import dev.noesis.experiments.suite.Suite;
import dev.noesis.experiments.suite.user.UserSuite;
import dev.noesis.wiring.Models;
import dev.noesis.wiring.NoesisConfig;
import dev.noesis.wiring.Notices;
import dev.noesis.wiring.Wiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Structured answers through the real tiny Jlama model (random weights): with {@code structured} on,
 * every final answer is generated under the suite's schema by constrained decoding, so every output
 * parses and extraction never fails, even on noise; the schema is part of the config and of the
 * model-call cache's key, and the report says how answers were given.
 */
class StructuredAnswersTest {

    private static final int ITEMS = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    static Path suiteFile;

    @BeforeAll
    static void writeSuite() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < ITEMS; i++) {
            lines.append(JSON.writeValueAsString(Map.of(
                            "id", "q" + i, "question", "Is " + i + " even?", "answer", i % 2 == 0 ? "yes" : "no")))
                    .append('\n');
        }
        suiteFile = Files.writeString(home.resolve("parity.jsonl"), lines);
        Files.writeString(home.resolve("parity.yaml"), "metric: accuracy\nlabels: [yes, no]\n");
    }

    private static NoesisConfig config(Map<String, String> keys) {
        Properties system = new Properties();
        system.setProperty("user.home", home.toString());
        return NoesisConfig.load(Map.of("NOESIS_HOME", home.resolve("noesis").toString()), system, keys);
    }

    private static RunSummary run(boolean structured, Path folder) {
        NoesisConfig config = config(Map.of());
        Wiring wiring = new Wiring(config, Notices.SILENT);
        Suite suite = UserSuite.load(suiteFile);
        Map<String, Suite> suites = Map.of(suiteFile.toString(), suite);
        ExperimentSpec spec = ExperimentSpec.builder()
                .suites(List.of(suiteFile.toString()))
                .pipelines(List.of("raw"))
                .models(List.of(Models.DEMO_MODEL))
                .params(List.of(new ParamSet(96, 0.0, 1.0, List.of())))
                .structured(structured)
                .build();
        ModelCallCache cache = ModelCallCache.open(config.modelCallCacheDir(), 1 << 24);
        try (DataHomes homes =
                        new DataHomes(config, StructuredAnswersTest::config, folder.resolve("setups"), Notices.SILENT);
                ExperimentArms arms = new ExperimentArms(wiring, homes, cache, true)) {
            return ExperimentRunner.builder(spec, suites, arms)
                    .setups(folder.resolve("setups"), homes)
                    .build()
                    .run(folder);
        }
    }

    @Test
    void everyAnswerIsValidJsonUnderTheSchemaAndTheSchemaKeysTheConfigAndTheCache() throws Exception {
        Path structured = home.resolve("structured");
        RunSummary first = run(true, structured);
        // Room for the whitespace the grammar allows between lexemes, which a random model spends freely.

        List<ItemRecord> records =
                ItemLogReader.read(structured.resolve(RunDirectory.ITEMS)).records();
        assertThat(records).hasSize(ITEMS);
        Set<String> labels = Set.of("yes", "no");
        for (ItemRecord r : records) {
            JsonNode answer = JSON.readTree(r.output());
            assertThat(answer.path("answer").asText()).as(r.output()).isIn(labels);
            assertThat(answer.size()).as("no property but the schema's").isEqualTo(1);
            assertThat(r.extracted().rule()).isEqualTo("json-field:answer");
            assertThat(r.extracted().answer()).isIn(labels);
        }
        JsonNode config = JSON.readTree(
                        structured.resolve(RunDirectory.MANIFEST).toFile())
                .path("config");
        assertThat(config.path("structured").asBoolean()).isTrue();
        assertThat(config.at("/resolved/suites")
                        .elements()
                        .next()
                        .path("answer_schema")
                        .toString())
                .contains("\"enum\"", "yes", "no");
        String report =
                Files.readString(ReportWriter.write(structured, first.results().orElseThrow(), records)
                        .markdown());
        // Markdown escapes the colon.
        assertThat(report).contains("**Answers:** structured", "json-field\\:answer " + ITEMS);

        // The same experiment with plain answers: another config, and not one call served from the cache.
        Path plain = home.resolve("plain");
        ArmResult unstructured =
                run(false, plain).results().orElseThrow().arms().getFirst();
        assertThat(unstructured.cacheHits()).isZero();
        assertThat(JSON.readTree(plain.resolve(RunDirectory.MANIFEST).toFile())
                        .at("/config/structured")
                        .isMissingNode())
                .isTrue();
        assertThat(Files.readString(ReportWriter.rebuild(plain).markdown())).contains("**Answers:** free text");

        // Structured again, in a new folder: every answer comes from the cache, keyed by its schema.
        ArmResult again = run(true, home.resolve("structured-again"))
                .results()
                .orElseThrow()
                .arms()
                .getFirst();
        assertThat(again.cacheHits()).isEqualTo(again.modelCalls()).isEqualTo(ITEMS);
        assertThat(again.mean())
                .isEqualTo(first.results().orElseThrow().arms().getFirst().mean());
    }
}
