package dev.noesis.experiments.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.experiments.log.CanonicalJson;
import dev.noesis.experiments.log.DurableFiles;
import dev.noesis.experiments.log.ItemLogReader;
import dev.noesis.experiments.log.ItemRecord;
import dev.noesis.experiments.log.Outcome;
import dev.noesis.experiments.log.RunDirectory;
import dev.noesis.experiments.log.RunManifest;
import dev.noesis.experiments.report.ArmResult;
import dev.noesis.experiments.report.ComparisonResult;
import dev.noesis.experiments.report.ExperimentResults;
import dev.noesis.experiments.report.RouterResult;
import dev.noesis.experiments.run.cost.ArmCost;
import dev.noesis.experiments.run.cost.CostModel;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import dev.noesis.experiments.stats.ArmEstimate;
import dev.noesis.experiments.stats.ComparisonFamily;
import dev.noesis.experiments.stats.ItemScores;
import dev.noesis.experiments.stats.JudgedComparison;
import dev.noesis.experiments.stats.PairedComparison;
import dev.noesis.experiments.stats.Resampling;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An experiment's results from its log alone: the config from {@code manifest.json} and the item
 * records from {@code items.jsonl}, nothing kept in memory by the run, so that {@code results.json}
 * (and a report) can be rebuilt from a run folder at any time, even while a run is still writing it.
 *
 * <p>Per arm (suite × pipeline × model × params), on the suite's primary metric (its first): the mean
 * over items with a 95% interval ({@link ArmEstimate}: Wilson for one 0-or-1 score per item, the
 * percentile bootstrap otherwise). Seeds are averaged within each item first: items are the clustering
 * unit. A failed item run, or one with no score for the metric, scores 0: dropping failures would let
 * a pipeline that fails on hard items look better. Per arm against its baseline (same suite, model and
 * params, the baseline pipeline), on the items both have: {@link PairedComparison} (paired bootstrap of
 * {@value Resampling#DEFAULT_RESAMPLES} resamples from {@link #RESAMPLING_SEED}; McNemar's exact test for
 * binary single-seed scores, the sign-flip permutation test otherwise), then Holm's correction across
 * every comparison of the experiment and the verdict ({@link ComparisonFamily}).
 */
public final class LoggedResults {

    /** The seed of every resampling, reported with each interval so that anyone can recompute it. */
    public static final long RESAMPLING_SEED = 20_241_104L;

    public static final String RESULTS = "results.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private LoggedResults() {}

    /** The results of the run in {@code folder}, from its files. */
    public static ExperimentResults read(Path folder, CostModel cost) {
        RunManifest manifest = manifest(folder);
        return build(manifest.config(), records(folder, manifest), cost);
    }

    /** {@link #read}, and writes them to the folder's {@value #RESULTS} (whole, or not at all). */
    public static ExperimentResults write(Path folder, CostModel cost) {
        ExperimentResults results = read(folder, cost);
        writeResults(folder.resolve(RESULTS), results);
        return results;
    }

    /** The records of the run in {@code folder}, checked against its manifest's config hash. */
    static List<ItemRecord> records(Path folder, RunManifest manifest) {
        return ItemLogReader.read(folder.resolve(RunDirectory.ITEMS), manifest.configHash())
                .records();
    }

    /**
     * Records by arm, under {@link #groupKey}. A record names its model by identity (a server's is its
     * URL and served name); the arm names it as the experiment did, which the config's
     * {@code resolved.models} maps to its identity.
     */
    static Map<String, List<ItemRecord>> byArm(JsonNode config, List<ItemRecord> records) {
        Map<String, String> modelByIdentity = new HashMap<>();
        config.path("resolved")
                .path("models")
                .fields()
                .forEachRemaining(e -> modelByIdentity.put(CanonicalJson.of(e.getValue()), e.getKey()));
        Map<String, List<ItemRecord>> byArm = new LinkedHashMap<>();
        for (ItemRecord r : records) {
            String model = modelByIdentity.getOrDefault(
                    CanonicalJson.ofValue(r.model()), r.model().location());
            byArm.computeIfAbsent(
                            groupKey(r.suite(), r.pipeline(), model, CanonicalJson.ofValue(r.params()), r.adapter()),
                            k -> new ArrayList<>())
                    .add(r);
        }
        return byArm;
    }

    /** The results of {@code records} under {@code config} (a run's config, as its manifest holds it). */
    public static ExperimentResults build(JsonNode config, List<ItemRecord> records, CostModel given) {
        ExperimentSpec spec = ExperimentSpec.fromConfig(config);
        // A model server is priced under the name it serves, whatever URL the experiment reached it by.
        Map<String, String> served = new LinkedHashMap<>();
        config.path("resolved").path("models").properties().forEach(e -> {
            if (e.getValue().hasNonNull("served_name")) {
                served.put(e.getKey(), e.getValue().get("served_name").asText());
            }
        });
        CostModel cost = given.servedAs(served);
        Map<String, List<ItemRecord>> byArm = byArm(config, records);
        Resampling resampling = Resampling.seeded(RESAMPLING_SEED);
        List<ArmResult> arms = new ArrayList<>();
        Map<String, ItemScores> scores = new LinkedHashMap<>();
        List<ArmSpec> armSpecs = new ArrayList<>();
        for (String suite : spec.suites()) {
            String metric = metric(config, suite, records);
            for (String model : spec.models()) {
                for (var params : spec.params()) {
                    for (String pipeline : spec.pipelines()) {
                        for (String adapter : axis(spec)) {
                            ArmSpec arm = new ArmSpec(suite, pipeline, model, params, adapter);
                            String key = groupKey(arm);
                            List<ItemRecord> rs = byArm.get(key);
                            if (rs == null || rs.isEmpty()) {
                                continue;
                            }
                            ItemScores s = scores(arm.label(spec), rs, metric, null);
                            scores.put(key, s);
                            armSpecs.add(arm);
                            arms.add(armResult(spec, arm, metric, rs, s, resampling, cost)
                                    .withMetricMeans(metricMeans(config, arm, rs))
                                    .withAdapter(adapter));
                        }
                    }
                }
            }
        }
        List<PairedComparison> comparisons = new ArrayList<>();
        List<String[]> meta = new ArrayList<>();
        for (ArmSpec arm : armSpecs) {
            ArmSpec base = comparedWith(spec, arm);
            if (base == null) {
                continue;
            }
            String baseKey = groupKey(base);
            if (!scores.containsKey(baseKey)) {
                continue;
            }
            String metric = metric(config, arm.suite(), records);
            Set<String> common = new HashSet<>(scores.get(groupKey(arm)).ids());
            common.retainAll(scores.get(baseKey).ids());
            if (common.isEmpty()) {
                continue;
            }
            ItemScores a = scores(arm.label(spec), byArm.get(groupKey(arm)), metric, common);
            ItemScores b = scores(base.label(spec), byArm.get(baseKey), metric, common);
            comparisons.add(PairedComparison.of(a, b, resampling));
            meta.add(new String[] {arm.suite(), metric});
        }
        List<JudgedComparison> judged = ComparisonFamily.judge(comparisons);
        List<ComparisonResult> results = new ArrayList<>();
        for (int i = 0; i < judged.size(); i++) {
            results.add(ComparisonResult.of(meta.get(i)[0], meta.get(i)[1], judged.get(i)));
        }
        return ExperimentResults.of(config, arms, results).withRouter(routers(config, spec, armSpecs, byArm));
    }

    /** Per router arm, its choices (from the records) against the items' labels (from the config). */
    static List<RouterResult> routers(
            JsonNode config, ExperimentSpec spec, List<ArmSpec> armSpecs, Map<String, List<ItemRecord>> byArm) {
        List<RouterResult> out = new ArrayList<>();
        for (ArmSpec arm : armSpecs) {
            if (!ExperimentSpec.ROUTER_ADAPTER.equals(arm.adapter())) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            config.path("resolved")
                    .path("suites")
                    .path(arm.suite())
                    .path(ExperimentPlan.ADAPTER_LABELS)
                    .properties()
                    .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            List<ItemRecord> rs = new ArrayList<>(byArm.get(groupKey(arm)));
            rs.sort(Comparator.comparing(ItemRecord::itemId).thenComparingLong(ItemRecord::seed));
            Map<String, String> chosen = new LinkedHashMap<>();
            for (ItemRecord r : rs) {
                if (r.adapterUsed() != null) {
                    chosen.putIfAbsent(r.itemId(), r.adapterUsed());
                }
            }
            out.add(RouterResult.of(arm.suite(), arm.label(spec), labels, chosen));
        }
        return out;
    }

    static ArmResult armResult(
            ExperimentSpec spec,
            ArmSpec arm,
            String metric,
            List<ItemRecord> rs,
            ItemScores s,
            Resampling resampling,
            CostModel cost) {
        ArmEstimate e = ArmEstimate.of(s, resampling);
        long prompt = 0;
        long completion = 0;
        long modelMs = 0;
        long wallMs = 0;
        long calls = 0;
        long hits = 0;
        int failed = 0;
        int budget = 0;
        Set<Long> seeds = new HashSet<>();
        for (ItemRecord r : rs) {
            prompt += r.usage().promptTokens();
            completion += r.usage().completionTokens();
            modelMs += r.usage().modelMs();
            wallMs += r.usage().wallMs();
            calls += r.usage().modelCalls();
            hits += r.usage().cacheHits();
            failed += r.outcome() == Outcome.FAILED ? 1 : 0;
            budget += r.outcome() == Outcome.BUDGET ? 1 : 0;
            seeds.add(r.seed());
        }
        double seconds = modelMs / 1000.0;
        Optional<ArmCost> c = cost.per1k(arm.model(), rs.size(), prompt, completion, seconds);
        return new ArmResult(
                arm.suite(),
                arm.pipeline(),
                arm.model(),
                e.n(),
                metric,
                e.mean(),
                e.interval().low(),
                e.interval().high(),
                prompt + completion,
                seconds,
                c.map(ArmCost::money).orElse(null),
                arm.label(spec),
                arm.params().asMap(),
                rs.size(),
                seeds.size(),
                calls,
                hits,
                failed,
                budget,
                c.map(ArmCost::energyWh).orElse(null),
                c.map(ArmCost::basis).orElse(null),
                e.method(),
                wallMs / 1000.0,
                Map.of(metric, e.mean()));
    }

    /**
     * Per item and seed, the metric's score; a failure, or a missing score, is 0. Items in the order of
     * their ids, seeds in order within each, whatever order the log has them in (items run in parallel
     * finish in any order): the resamples, and so the intervals, depend on the order of the values.
     */
    static ItemScores scores(String label, List<ItemRecord> rs, String metric, Set<String> only) {
        List<ItemRecord> sorted = new ArrayList<>(rs);
        sorted.sort(Comparator.comparing(ItemRecord::itemId).thenComparingLong(ItemRecord::seed));
        ItemScores.Builder b = ItemScores.builder(label);
        for (ItemRecord r : sorted) {
            if (only == null || only.contains(r.itemId())) {
                b.add(
                        r.itemId(),
                        r.outcome() == Outcome.FAILED ? 0.0 : r.scores().getOrDefault(metric, 0.0));
            }
        }
        return b.build();
    }

    /** The suite's primary metric: its first, as the config records it, else the first any record has. */
    /** The mean over items of every metric of the arm's suite (a failure scores 0 on each). */
    static Map<String, Double> metricMeans(JsonNode config, ArmSpec arm, List<ItemRecord> rs) {
        Set<String> metrics = new java.util.LinkedHashSet<>();
        config.path("resolved").path("suites").path(arm.suite()).path("metrics").forEach(m -> metrics.add(m.asText()));
        if (metrics.isEmpty()) {
            rs.forEach(r -> metrics.addAll(r.scores().keySet()));
        }
        Map<String, Double> means = new LinkedHashMap<>();
        for (String m : metrics) {
            means.put(m, scores(arm.pipeline(), rs, m, null).mean());
        }
        return means;
    }

    static String metric(JsonNode config, String suite, List<ItemRecord> records) {
        JsonNode m = config.path("resolved")
                .path("suites")
                .path(suite)
                .path("metrics")
                .path(0);
        if (m.isTextual()) {
            return m.asText();
        }
        for (ItemRecord r : records) {
            if (r.suite().equals(suite) && !r.scores().isEmpty()) {
                return r.scores().keySet().iterator().next();
            }
        }
        return "score";
    }

    /** The adapters of the axis, or a single null (no axis). */
    static List<String> axis(ExperimentSpec spec) {
        return spec.hasAdapterAxis() ? spec.adapters() : java.util.Collections.singletonList(null);
    }

    /**
     * What an arm is compared with, or null for none: an arm on an adapter against the same pipeline
     * on the base (the adapter is the treatment); an arm on the base (or without an adapter axis)
     * against the baseline pipeline on the base, as in every experiment.
     */
    static ArmSpec comparedWith(ExperimentSpec spec, ArmSpec arm) {
        if (arm.adapter() != null && !arm.adapter().equals(ExperimentSpec.BASE_ADAPTER)) {
            return arm.withAdapter(ExperimentSpec.BASE_ADAPTER);
        }
        return arm.pipeline().equals(spec.baseline()) ? null : arm.withPipeline(spec.baseline());
    }

    static String groupKey(ArmSpec arm) {
        return groupKey(
                arm.suite(),
                arm.pipeline(),
                arm.model(),
                CanonicalJson.ofValue(arm.params().asMap()),
                arm.adapter());
    }

    static String groupKey(String suite, String pipeline, String model, String params, String adapter) {
        return suite
                + '\u0000'
                + pipeline
                + '\u0000'
                + model
                + '\u0000'
                + params
                + (adapter == null ? "" : '\u0000' + adapter);
    }

    static RunManifest manifest(Path folder) {
        Path file = folder.resolve(RunDirectory.MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(
                    "The folder " + folder + " is not a run folder: it has no " + RunDirectory.MANIFEST + ".");
        }
        try {
            return JSON.readValue(file.toFile(), RunManifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException("The run manifest " + file + " is not readable: " + e.getMessage());
        }
    }

    private static void writeResults(Path target, ExperimentResults results) {
        try {
            DurableFiles.writeAtomically(target, JSON.writeValueAsBytes(results));
        } catch (IOException e) {
            throw new UncheckedIOException("The results could not be written to " + target + ": " + e.getMessage(), e);
        }
    }
}
