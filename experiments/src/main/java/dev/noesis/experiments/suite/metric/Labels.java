package dev.noesis.experiments.suite.metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Classification scores: per-item accuracy, and the corpus-level macro-F1 that cannot be had from
 * per-item numbers. Labels compare case-insensitively, with surrounding whitespace and trailing
 * punctuation ignored ({@code "Support."} is {@code SUPPORT}).
 */
public final class Labels {

    private Labels() {}

    /** The form labels are compared in. */
    public static String canonical(String label) {
        if (label == null) {
            return null;
        }
        String s = label.strip();
        int end = s.length();
        while (end > 0 && !Character.isLetterOrDigit(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end).toUpperCase(Locale.ROOT);
    }

    /** 1 when the predicted label is one of the gold labels, else 0 (also when none was predicted). */
    public static double accuracy(String prediction, List<String> gold) {
        String p = canonical(prediction);
        if (p == null || p.isEmpty()) {
            return 0;
        }
        for (String g : gold) {
            if (p.equals(canonical(g))) {
                return 1;
            }
        }
        return 0;
    }

    /** One classified item: its gold label and the predicted one (null when nothing was extracted). */
    public record Pair(String gold, String predicted) {
        public Pair {
            if (gold == null) {
                throw new IllegalArgumentException("a classified item needs its gold label");
            }
        }
    }

    /**
     * The unweighted mean over the gold classes of each class's F1 (with its precision and
     * recall over all predictions). The classes are the labels that occur as gold; a prediction
     * outside them (or none) is a miss for its gold class and a false positive for no class. A
     * class never predicted and never... correctly has F1 0. Empty input gives 0.
     */
    public static double macroF1(List<Pair> pairs) {
        Set<String> classes = new LinkedHashSet<>();
        for (Pair p : pairs) {
            classes.add(canonical(p.gold()));
        }
        if (classes.isEmpty()) {
            return 0;
        }
        Map<String, int[]> counts = new LinkedHashMap<>(); // class -> {true positives, predicted, gold}
        for (String c : classes) {
            counts.put(c, new int[3]);
        }
        for (Pair p : pairs) {
            String gold = canonical(p.gold());
            String predicted = canonical(p.predicted());
            counts.get(gold)[2]++;
            int[] forPredicted = predicted == null ? null : counts.get(predicted);
            if (forPredicted != null) {
                forPredicted[1]++;
                if (predicted.equals(gold)) {
                    forPredicted[0]++;
                }
            }
        }
        List<Double> f1s = new ArrayList<>();
        for (int[] c : counts.values()) {
            f1s.add(c[0] == 0 ? 0.0 : 2.0 * c[0] / (c[1] + c[2]));
        }
        return f1s.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
