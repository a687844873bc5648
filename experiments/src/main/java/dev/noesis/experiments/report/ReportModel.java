package dev.noesis.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noesis.experiments.log.ItemRecord;
import dev.noesis.experiments.log.Outcome;
import dev.noesis.experiments.stats.ArmEstimate;
import dev.noesis.experiments.stats.DetectableEffect;
import dev.noesis.experiments.stats.ItemScores;
import dev.noesis.experiments.stats.Resampling;
import dev.noesis.experiments.stats.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a report shows, computed once from {@code results.json} and the per-item log, so that the
 * Markdown and the HTML page say the same things: per suite, each arm with its comparison and what
 * the log adds (cache hits, failures, per-category scores, the worst regressions, the minimum
 * detectable effect at the run's n).
 */
record ReportModel(
        JsonNode config,
        String format,
        List<Suite> suites,
        long modelCalls,
        long cacheHits,
        int comparisonCount,
        int itemRecords,
        String answers,
        String retries,
        List<Router> routers) {

    /** How many regressions each comparison lists. */
    static final int WORST_REGRESSIONS = 10;

    /** Resamples for per-category intervals of scores that are not proportions. */
    static final int CATEGORY_RESAMPLES = 2_000;

    /**
     * One suite and metric (a suite scored by EM and F1 has two sections, one table each).
     *
     * @param name        the suite
     * @param metric      the metric of every arm and comparison of the section
     * @param titled      whether the suite has other sections, so that titles name the metric too
     * @param rows        its arms, baselines first
     * @param categories  per-category scores, or null when no item of the suite has a category
     * @param regressions one list per comparison
     * @param effects     the minimum detectable effect of each comparison
     */
    record Suite(
            String name,
            String metric,
            boolean titled,
            List<Row> rows,
            Categories categories,
            List<Regressions> regressions,
            List<Effect> effects) {

        /** The section's title: the suite, and its metric when the suite has several. */
        String title() {
            return titled ? name + " (" + metric + ")" : name;
        }
    }

    /**
     * One arm.
     *
     * @param name        the arm's name (see {@link ArmNames})
     * @param arm         the arm's numbers, or null when a comparison names an arm that {@code arms} lacks
     * @param comparison  its comparison against its baseline, or null for a baseline
     * @param baseline    whether it is some comparison's baseline
     * @param logged      item records the log holds for it
     * @param modelCalls  model calls over its records
     * @param cacheHits   of which answered from the cache
     * @param failed      records that failed
     * @param budget      records stopped by a budget
     * @param tokenRatio  its tokens over its baseline's, or null when either is unknown or zero
     */
    record Row(
            String name,
            ArmResult arm,
            ComparisonResult comparison,
            boolean baseline,
            int logged,
            long modelCalls,
            long cacheHits,
            int failed,
            int budget,
            Double tokenRatio) {

        Verdict verdict() {
            return comparison == null ? null : comparison.verdict();
        }
    }

    /**
     * Per-category scores of a suite's arms.
     *
     * @param metric     the metric
     * @param categories the categories in log order
     * @param arms       the arms with items
     * @param cells      arm to category to its cell (absent when the arm has no item of it)
     * @param resampling how intervals of scores that are not proportions were resampled
     */
    record Categories(
            String metric,
            List<String> categories,
            List<String> arms,
            Map<String, Map<String, ArmEstimate>> cells,
            Resampling resampling) {}

    /**
     * The items an arm lost against its baseline, worst first.
     *
     * @param arm      the arm
     * @param baseline the baseline
     * @param metric   the metric
     * @param paired   items both were scored on
     * @param lost     items on which the arm scored lower
     * @param gained   items on which it scored higher
     * @param worst    the {@value #WORST_REGRESSIONS} largest drops
     */
    record Regressions(
            String arm, String baseline, String metric, int paired, int lost, int gained, List<Regression> worst) {}

    /**
     * One item the arm did worse on than its baseline.
     *
     * @param itemId        the item
     * @param category      its category, or null
     * @param baselineScore the baseline's score (mean over seeds)
     * @param armScore      the arm's
     * @param armAnswer     the answer extracted from the arm's output, or null
     * @param gold          the accepted answers
     * @param armTrace      the arm's trace, relative to the run folder, or null
     * @param baselineTrace the baseline's trace, or null
     */
    record Regression(
            String itemId,
            String category,
            double baselineScore,
            double armScore,
            String armAnswer,
            List<String> gold,
            String armTrace,
            String baselineTrace) {

        double drop() {
            return baselineScore - armScore;
        }
    }

    /**
     * A router arm's choices against the items' adapter labels, laid out as its confusion matrix.
     *
     * @param result the router's result as {@code results.json} holds it
     * @param labels the matrix's rows: the labels, in name order
     * @param chosen its columns: every adapter the router chose for a labelled item, in name order
     */
    record Router(RouterResult result, List<String> labels, List<String> chosen) {

        static Router of(RouterResult result) {
            Set<String> chosen = new TreeSet<>();
            result.confusion().values().forEach(row -> chosen.addAll(row.keySet()));
            return new Router(result, List.copyOf(result.confusion().keySet()), List.copyOf(chosen));
        }

        /** The section's title. */
        String title() {
            return "Router " + result.arm() + " on " + result.suite();
        }

        /** Its accuracy in words. */
        String accuracy() {
            return result.correct() + " of " + result.items() + " labelled items routed to their label ("
                    + String.format(Locale.ROOT, "%.1f%%", 100 * result.accuracy()) + ").";
        }

        /** How many items labelled {@code label} it sent to {@code chosen}. */
        int count(String label, String chosen) {
            return result.confusion().getOrDefault(label, Map.of()).getOrDefault(chosen, 0);
        }
    }

    /**
     * What a comparison could detect.
     *
     * @param arm      the arm
     * @param baseline the baseline
     * @param n        items in the comparison
     * @param sentence the minimum detectable effect in words, or why there is none
     */
    record Effect(String arm, String baseline, int n, String sentence) {}

    static ReportModel of(ExperimentResults results, List<ItemRecord> items) {
        ArmItems armItems = new ArmItems(items);
        // Sections in the order the results first name them: suite, then metric.
        Map<String, Set<String>> sections = new LinkedHashMap<>();
        results.arms()
                .forEach(a -> sections.computeIfAbsent(a.suite(), k -> new LinkedHashSet<>())
                        .add(a.metric()));
        results.comparisons()
                .forEach(c -> sections.computeIfAbsent(c.suite(), k -> new LinkedHashSet<>())
                        .add(c.metric()));
        long seed = results.comparisons().isEmpty()
                ? 0L
                : results.comparisons().getFirst().seed();
        Resampling resampling = new Resampling(CATEGORY_RESAMPLES, seed);

        List<Suite> suites = new ArrayList<>();
        for (Map.Entry<String, Set<String>> section : sections.entrySet()) {
            for (String metric : section.getValue()) {
                suites.add(
                        suite(section.getKey(), metric, section.getValue().size() > 1, results, armItems, resampling));
            }
        }
        long calls = 0;
        long hits = 0;
        for (ItemRecord item : items) {
            calls += item.usage().modelCalls();
            hits += item.usage().cacheHits();
        }
        return new ReportModel(
                results.config(),
                results.format(),
                suites,
                calls,
                hits,
                results.comparisons().size(),
                items.size(),
                AnswerFormat.sentence(results.config(), items),
                AnswerFormat.retries(items),
                results.router() == null
                        ? List.of()
                        : results.router().stream().map(Router::of).toList());
    }

    private static Suite suite(
            String suite,
            String metric,
            boolean titled,
            ExperimentResults results,
            ArmItems armItems,
            Resampling resampling) {
        List<ArmResult> arms = results.arms().stream()
                .filter(a -> a.suite().equals(suite) && a.metric().equals(metric))
                .toList();
        List<ComparisonResult> comparisons = results.comparisons().stream()
                .filter(c -> c.suite().equals(suite) && c.metric().equals(metric))
                .toList();
        Map<String, ArmResult> byName = new LinkedHashMap<>();
        Map<String, List<ItemRecord>> itemsByName = new LinkedHashMap<>();
        for (ArmResult arm : arms) {
            String name = ArmNames.name(arm, arms);
            byName.put(name, arm);
            itemsByName.put(name, armItems.of(arm, arms));
        }
        Set<String> baselines = new LinkedHashSet<>();
        Map<String, ComparisonResult> comparisonOf = new HashMap<>();
        for (ComparisonResult c : comparisons) {
            baselines.add(c.baseline());
            comparisonOf.putIfAbsent(c.arm(), c);
        }
        // Baselines first, then the arms in the order the results give them, then arms only a comparison names.
        List<String> order = new ArrayList<>();
        baselines.stream().filter(byName::containsKey).forEach(order::add);
        byName.keySet().stream().filter(n -> !order.contains(n)).forEach(order::add);
        comparisons.stream()
                .map(ComparisonResult::arm)
                .filter(n -> !order.contains(n))
                .distinct()
                .forEach(order::add);

        List<Row> rows = new ArrayList<>();
        for (String name : order) {
            ArmResult arm = byName.get(name);
            ComparisonResult comparison = comparisonOf.get(name);
            List<ItemRecord> logged = itemsByName.getOrDefault(name, List.of());
            long calls = 0;
            long hits = 0;
            int failed = 0;
            int budget = 0;
            for (ItemRecord item : logged) {
                calls += item.usage().modelCalls();
                hits += item.usage().cacheHits();
                failed += item.outcome() == Outcome.FAILED ? 1 : 0;
                budget += item.outcome() == Outcome.BUDGET ? 1 : 0;
            }
            Double ratio = null;
            if (comparison != null && arm != null) {
                ArmResult base = byName.get(comparison.baseline());
                if (base != null && base.tokens() > 0 && arm.tokens() > 0) {
                    ratio = (double) arm.tokens() / base.tokens();
                }
            }
            rows.add(new Row(
                    name,
                    arm,
                    comparison,
                    baselines.contains(name),
                    logged.size(),
                    calls,
                    hits,
                    failed,
                    budget,
                    ratio));
        }

        List<Regressions> regressions = new ArrayList<>();
        List<Effect> effects = new ArrayList<>();
        for (ComparisonResult c : comparisons) {
            List<ItemRecord> armLog = itemsByName.get(c.arm());
            List<ItemRecord> baseLog = itemsByName.get(c.baseline());
            if (armLog == null || baseLog == null || armLog.isEmpty() || baseLog.isEmpty()) {
                effects.add(new Effect(
                        c.arm(),
                        c.baseline(),
                        c.n(),
                        "n = " + c.n() + " items; the log holds no items of both arms, so the disagreement rate"
                                + " (and with it the minimum detectable effect) cannot be measured."));
                continue;
            }
            Map<String, Scored> armScores = scored(armLog, c.metric());
            Map<String, Scored> baseScores = scored(baseLog, c.metric());
            regressions.add(regressions(c, armScores, baseScores));
            effects.add(effect(c, armScores, baseScores));
        }

        Categories categories = categories(metric, order, itemsByName, resampling);
        return new Suite(suite, metric, titled, rows, categories, regressions, effects);
    }

    /** One item's records of one arm: the mean score over its seeds, and what the first record says. */
    private static final class Scored {
        double sum;
        int count;
        ItemRecord first;
        String trace;

        double mean() {
            return sum / count;
        }
    }

    private static Map<String, Scored> scored(List<ItemRecord> records, String metric) {
        Map<String, Scored> byItem = new LinkedHashMap<>();
        for (ItemRecord r : records) {
            Double score = r.scores().get(metric);
            if (score == null) {
                continue;
            }
            Scored s = byItem.computeIfAbsent(r.itemId(), id -> new Scored());
            s.sum += score;
            s.count++;
            if (s.first == null) {
                s.first = r;
            }
            if (s.trace == null) {
                s.trace = r.trace();
            }
        }
        return byItem;
    }

    private static Regressions regressions(
            ComparisonResult c, Map<String, Scored> armScores, Map<String, Scored> baseScores) {
        List<Regression> lost = new ArrayList<>();
        int paired = 0;
        int gained = 0;
        for (Map.Entry<String, Scored> e : baseScores.entrySet()) {
            Scored arm = armScores.get(e.getKey());
            if (arm == null) {
                continue;
            }
            paired++;
            Scored base = e.getValue();
            double drop = base.mean() - arm.mean();
            if (drop < 0) {
                gained++;
            } else if (drop > 0) {
                lost.add(new Regression(
                        e.getKey(),
                        arm.first.category(),
                        base.mean(),
                        arm.mean(),
                        arm.first.extracted() == null
                                ? null
                                : arm.first.extracted().answer(),
                        arm.first.gold(),
                        arm.trace,
                        base.trace));
            }
        }
        lost.sort(Comparator.comparingDouble(Regression::drop).reversed().thenComparing(Regression::itemId));
        return new Regressions(
                c.arm(),
                c.baseline(),
                c.metric(),
                paired,
                lost.size(),
                gained,
                List.copyOf(lost.subList(0, Math.min(WORST_REGRESSIONS, lost.size()))));
    }

    private static Effect effect(ComparisonResult c, Map<String, Scored> armScores, Map<String, Scored> baseScores) {
        int n = 0;
        int discordant = 0;
        boolean binary = true;
        for (Map.Entry<String, Scored> e : baseScores.entrySet()) {
            Scored arm = armScores.get(e.getKey());
            if (arm == null) {
                continue;
            }
            n++;
            double a = arm.mean();
            double b = e.getValue().mean();
            binary &= (a == 0.0 || a == 1.0) && (b == 0.0 || b == 1.0);
            discordant += a != b ? 1 : 0;
        }
        String sentence;
        if (n == 0) {
            sentence = "No item was scored on both arm and baseline in the log.";
        } else if (!binary) {
            sentence = "n = " + n + " items; the scores are not one 0-or-1 per item, so no minimum detectable effect"
                    + " is computed (it assumes a paired proportion).";
        } else if (discordant == 0) {
            sentence = "Arm and baseline scored the same on all " + n + " items: the run measures no disagreement,"
                    + " so it cannot say what difference it could have detected.";
        } else {
            sentence = DetectableEffect.pairedBinary(n, (double) discordant / n).sentence()
                    + " The disagreement rate is the one measured on this run.";
        }
        return new Effect(c.arm(), c.baseline(), n, sentence);
    }

    private static Categories categories(
            String metric, List<String> order, Map<String, List<ItemRecord>> itemsByName, Resampling resampling) {
        Set<String> categories = new LinkedHashSet<>();
        for (String name : order) {
            for (ItemRecord r : itemsByName.getOrDefault(name, List.of())) {
                if (r.category() != null && !r.category().isBlank()) {
                    categories.add(r.category());
                }
            }
        }
        if (categories.isEmpty()) {
            return null;
        }
        Map<String, Map<String, ArmEstimate>> cells = new LinkedHashMap<>();
        List<String> arms = new ArrayList<>();
        for (String name : order) {
            Map<String, ItemScores.Builder> builders = new LinkedHashMap<>();
            for (ItemRecord r : itemsByName.getOrDefault(name, List.of())) {
                Double score = r.scores().get(metric);
                if (score == null || r.category() == null || r.category().isBlank()) {
                    continue;
                }
                builders.computeIfAbsent(r.category(), k -> ItemScores.builder(name + " / " + k))
                        .add(r.itemId(), score);
            }
            if (builders.isEmpty()) {
                continue;
            }
            Map<String, ArmEstimate> byCategory = new LinkedHashMap<>();
            builders.forEach(
                    (category, builder) -> byCategory.put(category, ArmEstimate.of(builder.build(), resampling)));
            cells.put(name, byCategory);
            arms.add(name);
        }
        return new Categories(metric, List.copyOf(categories), arms, cells, resampling);
    }
}
