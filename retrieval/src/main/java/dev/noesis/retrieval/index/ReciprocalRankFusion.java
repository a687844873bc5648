package dev.noesis.retrieval.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): each ranking gives a passage
 * {@code weight / (k + rank)}, and the sums rank the fused list. Scores of different kinds
 * (BM25, cosine) never have to be put on one scale.
 */
public final class ReciprocalRankFusion {

    /** A ranking to fuse: its name, its weight, and its hits best first. */
    public record Ranking<T>(String name, double weight, List<T> hits) {}

    /** A fused hit: the item, its fused score, and for each ranking that found it, its 1-based rank there. */
    public record Fused<T>(T item, double score, Map<String, Integer> ranks) {}

    private ReciprocalRankFusion() {}

    /**
     * Fuses rankings of items that are equal when they are the same passage. Ties keep the order in
     * which items were first met (rankings in the order given).
     */
    public static <T> List<Fused<T>> fuse(double k, List<Ranking<T>> rankings, int limit) {
        Map<T, double[]> scores = new LinkedHashMap<>();
        Map<T, Map<String, Integer>> ranks = new LinkedHashMap<>();
        for (Ranking<T> ranking : rankings) {
            int rank = 0;
            for (T hit : ranking.hits()) {
                rank++;
                scores.computeIfAbsent(hit, h -> new double[1])[0] += ranking.weight() / (k + rank);
                ranks.computeIfAbsent(hit, h -> new LinkedHashMap<>()).putIfAbsent(ranking.name(), rank);
            }
        }
        List<Fused<T>> fused = new ArrayList<>(scores.size());
        scores.forEach((item, s) -> fused.add(new Fused<>(item, s[0], ranks.get(item))));
        fused.sort(Comparator.comparingDouble((Fused<T> f) -> f.score()).reversed());
        return fused.size() > limit ? List.copyOf(fused.subList(0, limit)) : fused;
    }
}
