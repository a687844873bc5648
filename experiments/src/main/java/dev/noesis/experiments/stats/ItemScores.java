package dev.noesis.experiments.stats;

import dev.noesis.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scores of one configuration (an arm, or the baseline) on a set of items, one score per item
 * and seed, for one metric.
 *
 * <p>Items are the unit of every statistic here. With several seeds per item the seeds of one item
 * are not independent observations (the same question is as hard for every seed), so each item's
 * scores are averaged first and the items are what is resampled: E. Miller, "Adding Error Bars to
 * Evals: A Statistical Approach to Language Model Evaluations", arXiv:2411.00640, 2024, §2.2
 * (clustered standard errors) and §3 (resampling within questions). Treating seeds × items as
 * independent would make the intervals too narrow.
 */
public final class ItemScores {

    private final String label;
    private final Map<String, double[]> scores;

    private ItemScores(String label, Map<String, double[]> scores) {
        this.label = label;
        this.scores = scores;
    }

    /** Scores with one seed: item id to score, in the map's order. */
    public static ItemScores of(String label, Map<String, ? extends Number> scoreByItem) {
        Builder builder = builder(label);
        scoreByItem.forEach((id, score) -> builder.add(id, score == null ? Double.NaN : score.doubleValue()));
        return builder.build();
    }

    /** @param label the configuration's name, as errors should name it (e.g. the pipeline) */
    public static Builder builder(String label) {
        return new Builder(label);
    }

    /** The configuration's name. */
    public String label() {
        return label;
    }

    /** The number of distinct items. */
    public int size() {
        return scores.size();
    }

    /** The item ids in the order they were first added. */
    public Set<String> ids() {
        return Collections.unmodifiableSet(scores.keySet());
    }

    public boolean contains(String id) {
        return scores.containsKey(id);
    }

    /** The item's mean over its seeds. */
    public double itemMean(String id) {
        double[] s = scores.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no scores for item '" + id + "' in '" + label + "'");
        }
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        return sum / s.length;
    }

    /** The per-item means, in {@link #ids()} order. */
    public double[] itemMeans() {
        double[] means = new double[scores.size()];
        int i = 0;
        for (String id : scores.keySet()) {
            means[i++] = itemMean(id);
        }
        return means;
    }

    /** The mean over items of the per-item means: every item weighs the same, however many seeds it has. */
    public double mean() {
        double sum = 0;
        for (double m : itemMeans()) {
            sum += m;
        }
        return sum / scores.size();
    }

    /** Whether each item has exactly one score. */
    public boolean singleSeed() {
        return scores.values().stream().allMatch(s -> s.length == 1);
    }

    /** Whether every score is 0 or 1 (accuracy, exact match). */
    public boolean binary() {
        return scores.values().stream().allMatch(s -> {
            for (double v : s) {
                if (v != 0.0 && v != 1.0) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Whether the scores are one 0-or-1 outcome per item, the case the exact tests for proportions apply to. */
    public boolean binarySingleSeed() {
        return singleSeed() && binary();
    }

    /** Collects scores; the same item added again is another seed of it. */
    public static final class Builder {

        private final String label;
        private final Map<String, List<Double>> scores = new LinkedHashMap<>();

        private Builder(String label) {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("scores need the name of the configuration they belong to");
            }
            this.label = label;
        }

        /** Adds one seed's score of an item. */
        public Builder add(String itemId, double score) {
            if (itemId == null || itemId.isBlank()) {
                throw new InvalidInputException("'" + label + "' has a score without an item id.");
            }
            if (!Double.isFinite(score)) {
                throw new InvalidInputException("Item '" + itemId + "' of '" + label + "' has the score " + score
                        + "; scores must be finite numbers.");
            }
            scores.computeIfAbsent(itemId, id -> new ArrayList<>()).add(score);
            return this;
        }

        public ItemScores build() {
            if (scores.isEmpty()) {
                throw new InvalidInputException("'" + label + "' has no scored items; statistics need at least one.");
            }
            Map<String, double[]> frozen = new LinkedHashMap<>();
            scores.forEach((id, list) -> frozen.put(
                    id, list.stream().mapToDouble(Double::doubleValue).toArray()));
            return new ItemScores(label, frozen);
        }
    }
}
