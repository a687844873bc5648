package dev.noesis.experiments.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noesis.experiments.log.ItemRecord;
import dev.noesis.experiments.log.RunManifest;
import dev.noesis.experiments.report.ArmNames;
import dev.noesis.experiments.report.ArmResult;
import dev.noesis.experiments.report.ComparisonResult;
import dev.noesis.experiments.report.ExperimentResults;
import dev.noesis.experiments.run.cost.CostModel;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import dev.noesis.experiments.stats.ComparisonFamily;
import dev.noesis.experiments.stats.ItemScores;
import dev.noesis.experiments.stats.JudgedComparison;
import dev.noesis.experiments.stats.PairedComparison;
import dev.noesis.experiments.stats.Resampling;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two runs of the same items, paired: every arm of the second run against the same arm of the first
 * (same suite, pipeline and params; and the same model, unless each run has exactly one model, which
 * is then the thing compared: a quantized copy against the original, a new model against the old), on
 * the items both logged. The same statistics as within a run ({@link LoggedResults}), with Holm's
 * correction across all of these comparisons. From the two logs alone.
 *
 * <p>The result is an {@link ExperimentResults} whose {@code config} holds both runs' configs
 * ({@code baseline_run} and {@code run}), whose arms are both runs' arms labelled {@code A: …} and
 * {@code B: …}, and whose comparisons are B against A.
 */
public final class RunComparison {

    /** The format of the comparison's config. */
    public static final String FORMAT = "noesis-compare/1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunComparison() {}

    /**
     * @param baselineRun the run compared against (A)
     * @param run         the run compared (B)
     */
    public static ExperimentResults compare(Path baselineRun, Path run, CostModel cost) {
        RunManifest ma = LoggedResults.manifest(baselineRun);
        RunManifest mb = LoggedResults.manifest(run);
        List<ItemRecord> ra = LoggedResults.records(baselineRun, ma);
        List<ItemRecord> rb = LoggedResults.records(run, mb);
        ExperimentSpec sa = ExperimentSpec.fromConfig(ma.config());
        ExperimentSpec sb = ExperimentSpec.fromConfig(mb.config());
        ExperimentResults a = LoggedResults.build(ma.config(), ra, cost);
        ExperimentResults b = LoggedResults.build(mb.config(), rb, cost);
        Map<String, List<ItemRecord>> byA = LoggedResults.byArm(ma.config(), ra);
        Map<String, List<ItemRecord>> byB = LoggedResults.byArm(mb.config(), rb);
        boolean modelIsTheAxis = !sa.models().equals(sb.models())
                && sa.models().size() == 1
                && sb.models().size() == 1;

        Resampling resampling = Resampling.seeded(LoggedResults.RESAMPLING_SEED);
        List<PairedComparison> comparisons = new ArrayList<>();
        List<String[]> meta = new ArrayList<>();
        for (String suite : sb.suites()) {
            if (!sa.suites().contains(suite)) {
                continue;
            }
            String metric = LoggedResults.metric(mb.config(), suite, rb);
            if (!metric.equals(LoggedResults.metric(ma.config(), suite, ra))) {
                continue; // different metrics are not one comparison
            }
            for (String model : sb.models()) {
                String baseModel = modelIsTheAxis ? sa.models().getFirst() : model;
                for (var params : sb.params()) {
                    for (String pipeline : sb.pipelines()) {
                        for (String adapter : LoggedResults.axis(sb)) {
                            ArmSpec armB = new ArmSpec(suite, pipeline, model, params, adapter);
                            ArmSpec armA = new ArmSpec(suite, pipeline, baseModel, params, adapter);
                            List<ItemRecord> recordsB = byB.get(LoggedResults.groupKey(armB));
                            List<ItemRecord> recordsA = byA.get(LoggedResults.groupKey(armA));
                            if (recordsA == null || recordsB == null) {
                                continue;
                            }
                            Set<String> common = new HashSet<>();
                            recordsB.forEach(r -> common.add(r.itemId()));
                            Set<String> inA = new HashSet<>();
                            recordsA.forEach(r -> inA.add(r.itemId()));
                            common.retainAll(inA);
                            if (common.isEmpty()) {
                                continue;
                            }
                            ItemScores sB = LoggedResults.scores("B: " + armB.label(sb), recordsB, metric, common);
                            ItemScores sA = LoggedResults.scores("A: " + armA.label(sa), recordsA, metric, common);
                            comparisons.add(PairedComparison.of(sB, sA, resampling));
                            meta.add(new String[] {suite, metric});
                        }
                    }
                }
            }
        }
        List<JudgedComparison> judged = ComparisonFamily.judge(comparisons);
        List<ComparisonResult> results = new ArrayList<>();
        for (int i = 0; i < judged.size(); i++) {
            results.add(ComparisonResult.of(meta.get(i)[0], meta.get(i)[1], judged.get(i)));
        }
        List<ArmResult> arms = new ArrayList<>();
        a.arms().forEach(x -> arms.add(x.withLabel("A: " + ArmNames.name(x, a.arms()))));
        b.arms().forEach(x -> arms.add(x.withLabel("B: " + ArmNames.name(x, b.arms()))));
        ObjectNode config = JSON.createObjectNode();
        config.put("format", FORMAT);
        config.set("baseline_run", ma.config());
        config.set("run", mb.config());
        return ExperimentResults.of(config, arms, results);
    }
}
