package dev.noesis.experiments.suite;

import java.util.List;
import java.util.Map;

/**
 * One question of a suite.
 *
 * @param id       unique within the suite, stable across versions of the data (from the data itself)
 * @param question the text given to the pipeline
 * @param gold     the accepted answers, at least one
 * @param category a grouping for per-category reports (e.g. 2Wiki's question type), or null
 * @param metadata anything else the suite keeps per item (never shown to the model)
 */
public record SuiteItem(String id, String question, List<String> gold, String category, Map<String, String> metadata) {

    public SuiteItem {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a suite item needs an id");
        }
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("item '" + id + "' has no question");
        }
        if (gold == null || gold.isEmpty()) {
            throw new IllegalArgumentException("item '" + id + "' has no gold answer");
        }
        gold = List.copyOf(gold);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
