package dev.noesis.experiments.suite.catalog;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One line of {@code noesis eval list}.
 *
 * @param name           the name users type
 * @param description    one line
 * @param metrics        per-item metrics, the primary one first
 * @param corpusMetrics  corpus-level metrics (macro-F1), or none
 * @param items          how many items, when the data could be read
 * @param setup          what the suite sets up before it runs: {@code none}, {@code documents} or {@code facts}
 * @param problem        why the data could not be read (a missing folder), or empty
 */
public record SuiteSummary(
        String name,
        String description,
        List<String> metrics,
        List<String> corpusMetrics,
        OptionalInt items,
        String setup,
        Optional<String> problem) {

    public SuiteSummary {
        metrics = List.copyOf(metrics);
        corpusMetrics = List.copyOf(corpusMetrics);
    }
}
