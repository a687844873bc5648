package dev.noesis.benchmarks.beir;

import java.util.List;
import java.util.Map;

/**
 * The standard ranking measures, as trec_eval (and so BEIR, through pytrec_eval) computes them:
 * graded gains taken as they are, log2 discounts, documents judged 0 or absent not relevant.
 */
public final class RetrievalMetrics {

    private RetrievalMetrics() {}

    /** Normalised discounted cumulative gain of the first {@code k} results. */
    public static double ndcg(List<String> ranked, Map<String, Integer> judged, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            int gain = Math.max(0, judged.getOrDefault(ranked.get(i), 0));
            dcg += gain / log2(i + 2);
        }
        int[] ideal = judged.values().stream()
                .mapToInt(Integer::intValue)
                .filter(g -> g > 0)
                .boxed()
                .sorted((a, b) -> b - a)
                .mapToInt(Integer::intValue)
                .toArray();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.length); i++) {
            idcg += ideal[i] / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /** Share of the relevant documents found in the first {@code k} results. */
    public static double recall(List<String> ranked, Map<String, Integer> judged, int k) {
        long relevant = judged.values().stream().filter(g -> g > 0).count();
        if (relevant == 0) {
            return 0;
        }
        long found = ranked.stream()
                .limit(k)
                .distinct()
                .filter(id -> judged.getOrDefault(id, 0) > 0)
                .count();
        return (double) found / relevant;
    }

    /** Reciprocal rank of the first relevant result within the first {@code k}, 0 when there is none. */
    public static double reciprocalRank(List<String> ranked, Map<String, Integer> judged, int k) {
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (judged.getOrDefault(ranked.get(i), 0) > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }
}
