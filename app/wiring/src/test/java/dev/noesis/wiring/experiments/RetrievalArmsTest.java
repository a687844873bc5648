package dev.noesis.wiring.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.benchmarks.beir.BeirDataset;
import dev.noesis.benchmarks.beir.BeirEvaluation;
import dev.noesis.benchmarks.beir.BeirRetrievalSuite;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.embeddings.DjlEmbedder;
import dev.noesis.experiments.report.ArmResult;
import dev.noesis.experiments.report.ComparisonResult;
import dev.noesis.experiments.report.ExperimentResults;
import dev.noesis.experiments.run.ExperimentRunner;
import dev.noesis.experiments.run.RunSummary;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import dev.noesis.experiments.suite.Suite;
import dev.noesis.retrieval.index.FusionSettings;
import dev.noesis.retrieval.index.IndexSettings;
import dev.noesis.retrieval.index.LuceneHybridIndex;
import dev.noesis.retrieval.index.SearchMode;
import dev.noesis.wiring.NoesisConfig;
import dev.noesis.wiring.Notices;
import dev.noesis.wiring.Wiring;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BEIR retrieval as an experiment of the harness, through the real index and the bundled embedding
 * model, on a slice of SciFact (20 queries; their judged documents and 40 others): each search mode
 * is an arm, compared query by query with bm25, and its means are exactly what {@code noesis eval
 * retrieval}'s evaluation gives on the same index.
 */
class RetrievalArmsTest {

    static final Path SCIFACT =
            Path.of("../../../shared/data/beir-scifact").toAbsolutePath().normalize();
    private static final int QUERIES = 20;
    private static final int OTHER_DOCUMENTS = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    static Path slice;

    @BeforeAll
    static void sliceSciFact() throws IOException {
        assumeTrue(Files.isRegularFile(SCIFACT.resolve("corpus.jsonl")), "no BEIR SciFact at " + SCIFACT);
        slice = Files.createDirectories(home.resolve("data").resolve(BeirRetrievalSuite.FOLDER));
        BeirDataset full = BeirDataset.read(SCIFACT, "test");
        List<String> queries = full.queries().keySet().stream().limit(QUERIES).toList();
        Set<String> judged = new HashSet<>();
        Files.createDirectories(slice.resolve("qrels"));
        StringBuilder qrels = new StringBuilder("query-id\tcorpus-id\tscore\n");
        StringBuilder queryLines = new StringBuilder();
        for (String q : queries) {
            full.qrels().get(q).forEach((doc, grade) -> {
                judged.add(doc);
                qrels.append(q)
                        .append('\t')
                        .append(doc)
                        .append('\t')
                        .append(grade)
                        .append('\n');
            });
            queryLines
                    .append(JSON.writeValueAsString(
                            Map.of("_id", q, "text", full.queries().get(q))))
                    .append('\n');
        }
        Files.writeString(slice.resolve("qrels/test.tsv"), qrels);
        Files.writeString(slice.resolve("queries.jsonl"), queryLines);
        int[] others = {0};
        try (BufferedWriter out = Files.newBufferedWriter(slice.resolve("corpus.jsonl"), StandardCharsets.UTF_8)) {
            full.forEachDocument(d -> {
                if (judged.contains(d.id()) || others[0]++ < OTHER_DOCUMENTS) {
                    try {
                        out.write(JSON.writeValueAsString(Map.of("_id", d.id(), "title", d.title(), "text", d.text())));
                        out.write('\n');
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
        }
    }

    private static Wiring wiring() {
        Properties system = new Properties();
        system.setProperty("user.home", home.toString());
        return new Wiring(
                NoesisConfig.load(Map.of("NOESIS_HOME", home.resolve("noesis").toString()), system, Map.of()),
                Notices.SILENT);
    }

    @Test
    void everySearchModeIsAnArmComparedQueryByQueryWithBm25() throws Exception {
        Wiring wiring = wiring();
        BeirRetrievalSuite suite = new BeirRetrievalSuite(slice);
        Map<String, Suite> suites = Map.of(BeirRetrievalSuite.NAME, suite);
        String model = wiring.documents().configuredEmbeddingModel();
        ExperimentSpec spec = ExperimentSpec.builder()
                .suites(List.of(BeirRetrievalSuite.NAME))
                .pipelines(List.of("bm25", "dense", "hybrid"))
                .baseline("bm25")
                .models(List.of(model))
                .build();
        Path run = home.resolve("run");
        RunSummary summary;
        try (RetrievalArms arms = new RetrievalArms(
                wiring, suites, spec.pipelines(), FusionSettings.DEFAULTS, BeirEvaluation.Progress.NONE)) {
            summary = ExperimentRunner.builder(spec, suites, arms).build().run(run);
        }
        ExperimentResults results = summary.results().orElseThrow();
        assertThat(summary.ranNow()).isEqualTo(3 * QUERIES);
        assertThat(summary.failedNow()).isZero();
        assertThat(results.arms()).hasSize(3).allSatisfy(a -> {
            assertThat(a.metric()).isEqualTo(BeirRetrievalSuite.NDCG_10);
            assertThat(a.n()).isEqualTo(QUERIES);
            assertThat(a.metricMeans()).containsKeys(BeirRetrievalSuite.RECALL_10, BeirRetrievalSuite.RECALL_100);
        });
        assertThat(results.comparisons()).hasSize(2).allSatisfy(c -> {
            assertThat(c.baseline()).isEqualTo("bm25");
            assertThat(c.n()).isEqualTo(QUERIES);
            assertThat(c.metric()).isEqualTo(BeirRetrievalSuite.NDCG_10);
        });
        JsonNode written = JSON.readTree(run.resolve("results.json").toFile());
        assertThat(written.at("/comparisons/0/arm").asText()).isIn("dense", "hybrid");

        // The harness's numbers are the evaluation's: same index (the cache the arms built), same rankings.
        try (DjlEmbedder embedder = wiring.documents().embedder(model);
                LuceneHybridIndex index = BeirEvaluation.prepareIndex(
                        wiring.config().workDir().resolve("beir"),
                        suite.dataset(),
                        embedder,
                        IndexSettings.DEFAULTS,
                        false,
                        BeirEvaluation.Progress.NONE)) {
            for (SearchMode mode : SearchMode.values()) {
                BeirEvaluation.Result expected = BeirEvaluation.evaluate(
                        index, suite.dataset(), mode, FusionSettings.DEFAULTS, BeirEvaluation.Progress.NONE);
                ArmResult arm = results.arms().stream()
                        .filter(a -> a.pipeline().equals(mode.label()))
                        .findFirst()
                        .orElseThrow();
                assertThat(arm.mean()).as(mode.label()).isCloseTo(expected.ndcg10(), within(1e-9));
                assertThat(arm.metricMeans().get(BeirRetrievalSuite.RECALL_100))
                        .isCloseTo(expected.recall100(), within(1e-9));
                assertThat(arm.metricMeans().get(BeirRetrievalSuite.MRR_10)).isCloseTo(expected.mrr10(), within(1e-9));
            }
        }
        ComparisonResult hybrid = results.comparisons().stream()
                .filter(c -> c.arm().equals("hybrid"))
                .findFirst()
                .orElseThrow();
        double bm25 = mean(results, "bm25");
        assertThat(hybrid.delta()).isCloseTo(mean(results, "hybrid") - bm25, within(1e-9));

        // Another fusion is another experiment: the run folder refuses it, naming the difference.
        try (RetrievalArms other = new RetrievalArms(
                wiring, suites, spec.pipelines(), FusionSettings.DEFAULTS.withK(10), BeirEvaluation.Progress.NONE)) {
            assertThatThrownBy(() -> ExperimentRunner.builder(spec, suites, other)
                            .build()
                            .run(run))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("hybrid");
        }
    }

    private static double mean(ExperimentResults results, String pipeline) {
        return results.arms().stream()
                .filter(a -> a.pipeline().equals(pipeline))
                .findFirst()
                .orElseThrow()
                .mean();
    }

    @Test
    void aPipelineThatIsNoSearchModeIsRefused() {
        Map<String, Suite> suites = Map.of(BeirRetrievalSuite.NAME, new BeirRetrievalSuite(slice));
        assertThatThrownBy(() -> new RetrievalArms(
                        wiring(),
                        suites,
                        List.of("bm25", "rag"),
                        FusionSettings.DEFAULTS,
                        BeirEvaluation.Progress.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rag");
    }
}
