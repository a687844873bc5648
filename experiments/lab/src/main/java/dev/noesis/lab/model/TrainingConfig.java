package dev.noesis.lab.model;

import dev.noesis.core.error.InvalidInputException;

/**
 * How a lab model is trained: a fixed number of steps (not minutes: the speed of a shared machine
 * varies tenfold), AdamW with decoupled weight decay, global-norm gradient clipping, linear
 * warm-up then cosine decay to a tenth of the peak rate.
 *
 * @param checkpointEvery steps between checkpoints (and between the NaN guard's in-memory snapshots)
 */
public record TrainingConfig(
        int steps,
        int batchSize,
        double learningRate,
        int warmupSteps,
        double weightDecay,
        double clipNorm,
        long seed,
        int checkpointEvery) {

    public TrainingConfig {
        if (steps < 1 || batchSize < 1 || warmupSteps < 0 || checkpointEvery < 1) {
            throw new InvalidInputException("steps, batch size and checkpoint interval must be positive and warm-up"
                    + " not negative; got steps " + steps + ", batch " + batchSize + ", warm-up " + warmupSteps
                    + ", checkpoint every " + checkpointEvery + ".");
        }
        if (!(learningRate > 0 && learningRate < 1) || !(clipNorm > 0) || !(weightDecay >= 0)) {
            throw new InvalidInputException("learning rate must be in (0, 1), clip norm positive, weight decay not"
                    + " negative; got " + learningRate + ", " + clipNorm + ", " + weightDecay + ".");
        }
    }

    /** Defaults that trained the tiny shape without a NaN in the runs tried: peak 2e-3, clip 1.0. */
    public static TrainingConfig defaults(int steps, long seed) {
        return new TrainingConfig(steps, 32, 2e-3, Math.min(50, steps / 10), 0.01, 1.0, seed, 100);
    }

    /** The learning rate at {@code step} (0-based). */
    public double learningRateAt(int step) {
        if (step < warmupSteps) {
            return learningRate * (step + 1) / warmupSteps;
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, steps - warmupSteps);
        return learningRate * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
