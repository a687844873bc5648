package dev.noesis.experiments.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.noesis.experiments.log.Extraction;
import dev.noesis.experiments.log.ItemRecord;
import dev.noesis.experiments.log.ModelIdentity;
import dev.noesis.experiments.log.Outcome;
import dev.noesis.experiments.log.Usage;
import dev.noesis.experiments.stats.ArmEstimate;
import dev.noesis.experiments.stats.ComparisonFamily;
import dev.noesis.experiments.stats.ItemScores;
import dev.noesis.experiments.stats.JudgedComparison;
import dev.noesis.experiments.stats.PairedComparison;
import dev.noesis.experiments.stats.Resampling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Builds a whole experiment for report tests the way the runner does: item records first, then the
 * arms and comparisons computed from them by the real statistics, so every verdict is a real one.
 */
final class Experiments {

    static final ModelIdentity MODEL = ModelIdentity.folder("models/tiny-llama", "sha256:0f1e");
    static final Resampling RESAMPLING = new Resampling(1_000, 20_261_203L);

    private final String suite;
    private final int n;
    private final Map<String, IntPredicate> arms = new LinkedHashMap<>();
    private final Map<String, Integer> cacheHits = new LinkedHashMap<>();
    private IntFunction<String> itemId = i -> "q" + i;
    private IntFunction<String> category = i -> null;
    private IntFunction<String> trace = i -> "traces/item-" + i + ".json";

    private Experiments(String suite, int n) {
        this.suite = suite;
        this.n = n;
    }

    /** An experiment on {@code n} items of {@code suite}; the first arm added is the baseline. */
    static Experiments of(String suite, int n) {
        return new Experiments(suite, n);
    }

    /** An arm that gets item i right when {@code correct} says so. */
    Experiments arm(String pipeline, IntPredicate correct) {
        arms.put(pipeline, correct);
        return this;
    }

    /** Every model call of {@code pipeline} answered from the cache. */
    Experiments cached(String pipeline) {
        cacheHits.put(pipeline, 1);
        return this;
    }

    Experiments itemIds(IntFunction<String> ids) {
        this.itemId = ids;
        return this;
    }

    Experiments categories(IntFunction<String> categories) {
        this.category = categories;
        return this;
    }

    Experiments traces(IntFunction<String> traces) {
        this.trace = traces;
        return this;
    }

    /** The item records of every arm, arm by arm. */
    List<ItemRecord> items() {
        List<ItemRecord> items = new ArrayList<>();
        int armIndex = 0;
        for (Map.Entry<String, IntPredicate> arm : arms.entrySet()) {
            // Later arms use more tokens, as a self-consistency of five would.
            long tokens = 100L * (armIndex + 1);
            int hits = cacheHits.getOrDefault(arm.getKey(), 0);
            for (int i = 0; i < n; i++) {
                boolean right = arm.getValue().test(i);
                String answer = right ? String.valueOf(i) : "wrong-" + i;
                items.add(new ItemRecord(
                        itemId.apply(i),
                        "config-hash",
                        suite,
                        arm.getKey(),
                        MODEL,
                        Map.of("temperature", 0.0),
                        0,
                        "#### " + answer,
                        new Extraction(answer, "last-number"),
                        List.of(String.valueOf(i)),
                        Map.of("em", right ? 1.0 : 0.0),
                        new Usage(tokens, 10, 1, 50, 60, hits),
                        Outcome.COMPLETED,
                        null,
                        trace.apply(i) == null ? null : arm.getKey() + "/" + trace.apply(i),
                        category.apply(i)));
            }
            armIndex++;
        }
        return items;
    }

    /** The results the runner would compute from {@link #items()}. */
    ExperimentResults results() {
        Map<String, ItemScores> scores = new LinkedHashMap<>();
        Map<String, long[]> tokens = new LinkedHashMap<>();
        List<ItemRecord> items = items();
        for (ItemRecord r : items) {
            tokens.computeIfAbsent(r.pipeline(), k -> new long[2]);
            tokens.get(r.pipeline())[0] += r.usage().promptTokens() + r.usage().completionTokens();
            tokens.get(r.pipeline())[1] += r.usage().modelMs();
        }
        Map<String, ItemScores.Builder> builders = new LinkedHashMap<>();
        for (ItemRecord r : items) {
            builders.computeIfAbsent(r.pipeline(), ItemScores::builder)
                    .add(r.itemId(), r.scores().get("em"));
        }
        builders.forEach((pipeline, builder) -> scores.put(pipeline, builder.build()));

        List<ArmResult> armResults = new ArrayList<>();
        for (Map.Entry<String, ItemScores> e : scores.entrySet()) {
            long[] t = tokens.get(e.getKey());
            armResults.add(ArmResult.of(
                    suite,
                    e.getKey(),
                    MODEL.location(),
                    "em",
                    ArmEstimate.of(e.getValue(), RESAMPLING),
                    t[0],
                    t[1] / 1000.0,
                    armResults.isEmpty() ? null : 0.25 * (armResults.size() + 1)));
        }
        List<String> names = new ArrayList<>(scores.keySet());
        ItemScores baseline = scores.get(names.getFirst());
        List<PairedComparison> paired = new ArrayList<>();
        for (String name : names.subList(1, names.size())) {
            paired.add(PairedComparison.of(scores.get(name), baseline, RESAMPLING));
        }
        List<ComparisonResult> comparisons = new ArrayList<>();
        for (JudgedComparison judged : ComparisonFamily.judge(paired)) {
            comparisons.add(ComparisonResult.of(suite, "em", judged));
        }
        ObjectNode config = new ObjectMapper().createObjectNode();
        config.putArray("suites").add(suite);
        config.putArray("pipelines")
                .addAll(names.stream().map(TextNode::valueOf).toList());
        config.put("limit", n);
        config.put("baseline", names.getFirst());
        return ExperimentResults.of(config, armResults, comparisons);
    }
}
