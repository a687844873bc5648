package dev.noesis.experiments.run;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where a run stands, after each item.
 *
 * @param done        item runs in the log (including those an earlier run logged)
 * @param total       item runs in the experiment
 * @param doneNow     item runs finished by this run
 * @param failedNow   of those, how many failed
 * @param eta         the time left at this run's pace, empty until one item is done
 * @param runningMean by arm label (suite: label), the mean primary score over what this run has finished
 */
public record Progress(
        long done, long total, long doneNow, long failedNow, Optional<Duration> eta, Map<String, Double> runningMean) {

    public Progress {
        runningMean = Map.copyOf(runningMean);
    }

    /** The share done, from 0 to 1. */
    public double fraction() {
        return total == 0 ? 1.0 : (double) done / total;
    }
}
