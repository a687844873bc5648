package dev.noesis.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.experiments.log.Extraction;
import dev.noesis.experiments.log.ItemRecord;
import dev.noesis.experiments.log.ModelIdentity;
import dev.noesis.experiments.log.Outcome;
import dev.noesis.experiments.log.Usage;
import dev.noesis.experiments.report.ReportModel.Row;
import dev.noesis.experiments.report.ReportModel.Suite;
import dev.noesis.experiments.stats.PairedTest;
import dev.noesis.experiments.stats.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the report finds each arm's items and sections: a model axis, several metrics, seeds, scores that are not 0 or 1. */
class ReportModelTest {

    private static final ModelIdentity BF16 = ModelIdentity.folder("/models/llama-bf16", "sha256:aa");
    private static final ModelIdentity Q4 = ModelIdentity.folder("/models/llama-q4", "sha256:bb");

    private static ItemRecord record(
            String pipeline, ModelIdentity model, String id, long seed, Map<String, Double> scores, Outcome outcome) {
        return new ItemRecord(
                id,
                "hash",
                "hotpotqa",
                pipeline,
                model,
                Map.of(),
                seed,
                "out",
                new Extraction("a", "last-line"),
                List.of("a"),
                scores,
                new Usage(10, 2, 2, 5, 6, seed == 1 ? 1 : 0),
                outcome,
                outcome == Outcome.FAILED ? "boom" : null,
                pipeline + "/" + id + ".json",
                null);
    }

    private static ArmResult arm(String pipeline, String model, String metric, double mean) {
        return new ArmResult("hotpotqa", pipeline, model, 4, metric, mean, mean - 0.1, mean + 0.1, 48, 0.02, null);
    }

    private static ComparisonResult comparison(String arm, String baseline, String metric, Verdict verdict) {
        return new ComparisonResult(
                "hotpotqa",
                arm,
                baseline,
                metric,
                4,
                -0.5,
                -0.9,
                -0.1,
                0.01,
                0.02,
                verdict,
                PairedTest.MCNEMAR_EXACT,
                1_000,
                7L);
    }

    @Test
    void aModelAxisNamesArmsPipelineAtModelAndGivesEachItsOwnItems() {
        List<ItemRecord> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            items.add(record("raw", BF16, "q" + i, 0, Map.of("em", 1.0), Outcome.COMPLETED));
            // The Q4 copy gets everything wrong and fails once.
            items.add(record("raw", Q4, "q" + i, 0, Map.of("em", 0.0), i == 3 ? Outcome.FAILED : Outcome.COMPLETED));
        }
        ExperimentResults results = ExperimentResults.of(
                null,
                List.of(arm("raw", "llama-bf16", "em", 1.0), arm("raw", "/models/llama-q4", "em", 0.0)),
                List.of(comparison("raw@/models/llama-q4", "raw@llama-bf16", "em", Verdict.WORSE)));

        ReportModel model = ReportModel.of(results, items);

        Suite suite = model.suites().getFirst();
        assertThat(suite.rows()).extracting(Row::name).containsExactly("raw@llama-bf16", "raw@/models/llama-q4");
        Row q4 = suite.rows().get(1);
        assertThat(q4.logged()).isEqualTo(4);
        assertThat(q4.failed()).isEqualTo(1);
        assertThat(q4.verdict()).isEqualTo(Verdict.WORSE);
        assertThat(suite.regressions().getFirst().lost()).isEqualTo(4);
        assertThat(suite.regressions().getFirst().worst().getFirst().armTrace()).isEqualTo("raw/q0.json");
    }

    @Test
    void aSuiteWithTwoMetricsHasASectionForEach() {
        List<ItemRecord> items = List.of(
                record("raw", BF16, "q0", 0, Map.of("em", 1.0, "f1", 1.0), Outcome.COMPLETED),
                record("rag", BF16, "q0", 0, Map.of("em", 0.0, "f1", 0.4), Outcome.COMPLETED));
        ExperimentResults results = ExperimentResults.of(
                null,
                List.of(
                        arm("raw", "m", "em", 1.0),
                        arm("rag", "m", "em", 0.0),
                        arm("raw", "m", "f1", 1.0),
                        arm("rag", "m", "f1", 0.4)),
                List.of(
                        comparison("rag", "raw", "em", Verdict.WORSE),
                        comparison("rag", "raw", "f1", Verdict.NO_DETECTABLE_DIFFERENCE)));

        ReportModel model = ReportModel.of(results, items);

        assertThat(model.suites()).extracting(Suite::title).containsExactly("hotpotqa (em)", "hotpotqa (f1)");
        assertThat(model.suites().get(1).rows().get(1).verdict()).isEqualTo(Verdict.NO_DETECTABLE_DIFFERENCE);
        assertThat(model.suites()
                        .get(1)
                        .regressions()
                        .getFirst()
                        .worst()
                        .getFirst()
                        .drop())
                .isCloseTo(0.6, org.assertj.core.api.Assertions.within(1e-12));
        // Calls are counted once, not once per section.
        assertThat(model.modelCalls()).isEqualTo(4);
    }

    @Test
    void seedsAreAveragedWithinAnItemAndScoresThatAreNotZeroOrOneGetNoDetectableEffect() {
        List<ItemRecord> items = List.of(
                record("raw", BF16, "q0", 0, Map.of("em", 1.0), Outcome.COMPLETED),
                record("raw", BF16, "q0", 1, Map.of("em", 1.0), Outcome.COMPLETED),
                record("sc", BF16, "q0", 0, Map.of("em", 1.0), Outcome.COMPLETED),
                record("sc", BF16, "q0", 1, Map.of("em", 0.0), Outcome.COMPLETED));
        ExperimentResults results = ExperimentResults.of(
                null,
                List.of(arm("raw", "m", "em", 1.0), arm("sc", "m", "em", 0.5)),
                List.of(comparison("sc", "raw", "em", Verdict.NO_DETECTABLE_DIFFERENCE)));

        ReportModel model = ReportModel.of(results, items);

        Suite suite = model.suites().getFirst();
        assertThat(suite.regressions().getFirst().worst().getFirst().armScore()).isEqualTo(0.5);
        assertThat(suite.effects().getFirst().sentence()).contains("not one 0-or-1 per item");
        assertThat(suite.rows().get(1).cacheHits()).isEqualTo(1);
        assertThat(suite.rows().get(1).modelCalls()).isEqualTo(4);
    }

    @Test
    void aComparisonOfAnArmMissingFromArmsIsStillShown() {
        ExperimentResults results = ExperimentResults.of(
                null, List.of(arm("raw", "m", "em", 0.5)), List.of(comparison("ghost", "raw", "em", Verdict.WORSE)));

        ReportModel model = ReportModel.of(results, List.of());
        String md = MarkdownReport.render(model);

        assertThat(model.suites().getFirst().rows()).extracting(Row::name).containsExactly("raw", "ghost");
        assertThat(md).contains("| ghost |  | 4 | em | not in arms | -0.500").contains("▼ worse");
        assertThat(md).contains("the log holds no items of both arms");
    }
}
