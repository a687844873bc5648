package dev.noesis.experiments.report;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param router      with an adapter axis that has the router: one per router arm, its accuracy against
 *                    the items' adapter labels and its confusion matrix; else null (and absent)
 */
public record ExperimentResults(
        String format,
        JsonNode config,
        List<ArmResult> arms,
        List<ComparisonResult> comparisons,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<RouterResult> router) {

    /** The version this code writes. */
    public static final String FORMAT = "noesis-results/1";

    public ExperimentResults {
        arms = List.copyOf(arms);
        comparisons = List.copyOf(comparisons);
        router = router == null || router.isEmpty() ? null : List.copyOf(router);
    }

    public static ExperimentResults of(JsonNode config, List<ArmResult> arms, List<ComparisonResult> comparisons) {
        return new ExperimentResults(FORMAT, config, arms, comparisons, null);
    }

    /** These results with the router's (none: as without a router). */
    public ExperimentResults withRouter(List<RouterResult> routers) {
        return new ExperimentResults(format, config, arms, comparisons, routers);
    }
}
