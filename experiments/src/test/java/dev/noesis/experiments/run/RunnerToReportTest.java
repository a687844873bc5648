package dev.noesis.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.experiments.log.ItemLogReader;
import dev.noesis.experiments.log.ItemRecord;
import dev.noesis.experiments.report.ArmResult;
import dev.noesis.experiments.report.ComparisonResult;
import dev.noesis.experiments.report.ExperimentResults;
import dev.noesis.experiments.report.ReportWriter;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import dev.noesis.experiments.run.spec.ParamSet;
import dev.noesis.experiments.suite.Suite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the runner writes is what the report reads: with a model axis and a params axis, every arm
 * and every comparison of {@code results.json} finds its row, and each row holds only its own items.
 */
class RunnerToReportTest {

    @TempDir
    Path work;

    @Test
    void aSweepOverModelsAndParamsIsReportedArmByArm() throws Exception {
        Map<String, Suite> suites = Map.of("tiny", new TinySuite("tiny", 30));
        ExperimentSpec spec = ExperimentSpec.builder()
                .suites(List.of("tiny"))
                .pipelines(List.of("raw", "good"))
                .models(List.of("models/a", "models/b"))
                .params(List.of(ParamSet.DEFAULTS, new ParamSet(ParamSet.DEFAULTS.maxNewTokens(), 0.7, 1.0, List.of())))
                .seeds(List.of(1L))
                .build();
        Path folder = work.resolve("run");
        RunSummary summary = ExperimentRunner.builder(
                        spec, suites, new KnownAccuracyArms(Map.of("raw", 0.2, "good", 0.9), Set.of()))
                .build()
                .run(folder);
        ExperimentResults results = summary.results().orElseThrow();

        // 2 pipelines × 2 models × 2 param sets
        assertThat(results.arms()).hasSize(8);
        assertThat(results.arms()).extracting(ArmResult::label).doesNotHaveDuplicates();
        assertThat(results.comparisons()).hasSize(4);

        ReportWriter.rebuild(folder);
        String md = Files.readString(folder.resolve(ReportWriter.MARKDOWN));
        List<ItemRecord> items =
                ItemLogReader.read(folder.resolve("items.jsonl")).records();
        for (ArmResult arm : results.arms()) {
            assertThat(arm.n()).isEqualTo(30);
            assertThat(row(md, arm.label())).as(arm.label()).contains("| 30 |");
        }
        for (ComparisonResult c : results.comparisons()) {
            assertThat(c.verdict().label()).isEqualTo("better");
            // The comparison's row is its arm's, and names the baseline of the same model and params.
            assertThat(row(md, c.arm())).contains("vs " + markdown(c.baseline()), "better");
        }
        assertThat(items).hasSize(8 * 30);
    }

    /** The table row of the arm named {@code label}. */
    private static String row(String md, String label) {
        String start = "| " + markdown(label) + " |";
        return md.lines().filter(l -> l.startsWith(start)).findFirst().orElse("(no row for " + label + ")");
    }

    /** Markdown's escaping of the characters arm labels hold. */
    private static String markdown(String text) {
        return text.replace("@", "\\@").replace("[", "\\[").replace("]", "\\]");
    }
}
