package dev.noesis.experiments.suite.metric;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exact match and token F1 as the SQuAD v1.1 script computes them: both on {@link AnswerNormalizer
 * normalised} answers, and the best over the gold answers. A missing prediction scores 0.
 */
public final class SquadMetrics {

    private SquadMetrics() {}

    /** 1 when the normalised prediction equals a normalised gold answer, else 0. */
    public static double exactMatch(String prediction, List<String> gold) {
        if (prediction == null) {
            return 0;
        }
        String p = AnswerNormalizer.normalize(prediction);
        for (String g : gold) {
            if (p.equals(AnswerNormalizer.normalize(g))) {
                return 1;
            }
        }
        return 0;
    }

    /** The largest token F1 of the prediction against any gold answer. */
    public static double f1(String prediction, List<String> gold) {
        if (prediction == null) {
            return 0;
        }
        double best = 0;
        for (String g : gold) {
            best = Math.max(best, f1(prediction, g));
        }
        return best;
    }

    /**
     * Token F1 against one gold answer: the harmonic mean of the precision and recall of the
     * shared tokens, counted with multiplicity; 0 when no token is shared (so two empty answers
     * score 0, as in v1.1).
     */
    public static double f1(String prediction, String gold) {
        List<String> predicted = AnswerNormalizer.tokens(prediction);
        List<String> expected = AnswerNormalizer.tokens(gold);
        Map<String, Integer> goldCounts = new HashMap<>();
        for (String t : expected) {
            goldCounts.merge(t, 1, Integer::sum);
        }
        int same = 0;
        for (String t : predicted) {
            Integer left = goldCounts.get(t);
            if (left != null && left > 0) {
                goldCounts.put(t, left - 1);
                same++;
            }
        }
        if (same == 0) {
            return 0;
        }
        double precision = (double) same / predicted.size();
        double recall = (double) same / expected.size();
        return 2 * precision * recall / (precision + recall);
    }
}
