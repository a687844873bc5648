package dev.noesis.experiments.run;

import dev.noesis.experiments.report.ExperimentResults;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a call of {@link ExperimentRunner#run} did.
 *
 * @param folder      the run folder
 * @param configHash  the config's hash, which every record carries
 * @param resumed     whether the folder held this run already
 * @param total       item runs in the experiment
 * @param skipped     item runs logged before, not run again
 * @param ranNow      item runs this call logged
 * @param failedNow   of those, failed
 * @param budgetNow   of those, stopped by a budget
 * @param cancelled   whether the run was cancelled before the end (what it logged stays, and a rerun resumes)
 * @param setups      each suite's setup
 * @param results     the results, written to {@code results.json}, when the run finished; empty when cancelled
 */
public record RunSummary(
        Path folder,
        String configHash,
        boolean resumed,
        long total,
        long skipped,
        long ranNow,
        long failedNow,
        long budgetNow,
        boolean cancelled,
        List<PreparedSetup> setups,
        Optional<ExperimentResults> results) {

    public RunSummary {
        setups = List.copyOf(setups);
    }
}
