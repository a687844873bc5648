package dev.noesis.experiments.report;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How well a router arm of the adapter axis chose: on the items labelled with an adapter (the
 * oracle's choice) that the router ran, how often it chose the label, and the confusion matrix of
 * label against choice. Counted once per item (the router's choice depends on the question only,
 * not on the seed).
 *
 * @param suite     the suite
 * @param arm       the router arm's label
 * @param items     labelled items the router chose for
 * @param correct   of those, how many it routed to their label
 * @param accuracy  correct / items (0 when there are none)
 * @param confusion label to chosen adapter to count, both in name order ({@code base} for the base model)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RouterResult(
        String suite,
        String arm,
        int items,
        int correct,
        double accuracy,
        Map<String, Map<String, Integer>> confusion) {

    public RouterResult {
        Map<String, Map<String, Integer>> copy = new TreeMap<>();
        if (confusion != null) {
            confusion.forEach((label, row) -> copy.put(label, new TreeMap<>(row)));
        }
        confusion = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * The result of {@code chosen} (item id to the adapter the router chose) against {@code labels}
     * (item id to its label); items without a label are left out.
     */
    public static RouterResult of(String suite, String arm, Map<String, String> labels, Map<String, String> chosen) {
        Map<String, Map<String, Integer>> confusion = new LinkedHashMap<>();
        int items = 0;
        int correct = 0;
        for (Map.Entry<String, String> e : chosen.entrySet()) {
            String label = labels.get(e.getKey());
            if (label == null) {
                continue;
            }
            items++;
            if (label.equals(e.getValue())) {
                correct++;
            }
            confusion.computeIfAbsent(label, k -> new TreeMap<>()).merge(e.getValue(), 1, Integer::sum);
        }
        return new RouterResult(suite, arm, items, correct, items == 0 ? 0.0 : (double) correct / items, confusion);
    }
}
