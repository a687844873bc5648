package dev.noesis.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code results.json}: everything needed to publish an experiment and to rebuild its report. A
 * documented, versioned format that scripts read, so its names only ever grow: {@code format}, the
 * {@code config} as run, the {@code arms} and the {@code comparisons}.
 *
 * @param format      {@value #FORMAT}
 * @param config      the experiment as run
 * @param arms        one per suite × pipeline × model × params
 * @param comparisons one per arm against its baseline on the same items
 */
public record ExperimentResults(
        String format, JsonNode config, List<ArmResult> arms, List<ComparisonResult> comparisons) {

    /** The version this code writes. */
    public static final String FORMAT = "noesis-results/1";

    public ExperimentResults {
        arms = List.copyOf(arms);
        comparisons = List.copyOf(comparisons);
    }

    public static ExperimentResults of(JsonNode config, List<ArmResult> arms, List<ComparisonResult> comparisons) {
        return new ExperimentResults(FORMAT, config, arms, comparisons);
    }
}
