package dev.noesis.experiments.report;

import java.util.Collection;

/**
 * How a comparison names its arm and its baseline: by the arm's {@code label} where the results
 * carry one (the runner writes it: the pipeline, with the model and the params where those are
 * axes of the experiment); in results without labels, by the arm's pipeline when no other arm of the
 * suite (for the same metric) runs that pipeline, otherwise {@code pipeline@model}. The runner that writes
 * {@code results.json} and the report that reads it use this one rule, so that a comparison's
 * {@code arm} finds its row.
 */
public final class ArmNames {

    private ArmNames() {}

    /**
     * The name of {@code arm} among the arms of its suite.
     *
     * @param armsOfSuite the arms of the results (those of other suites and metrics are not counted)
     */
    public static String name(ArmResult arm, Collection<ArmResult> armsOfSuite) {
        if (arm.label() != null && !arm.label().isBlank()) {
            return arm.label();
        }
        long samePipeline = armsOfSuite.stream()
                .filter(a -> a.suite().equals(arm.suite())
                        && a.metric().equals(arm.metric())
                        && a.pipeline().equals(arm.pipeline()))
                .count();
        return samePipeline <= 1 ? arm.pipeline() : arm.pipeline() + "@" + arm.model();
    }
}
