package dev.noesis.lab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.noesis.core.error.BackendException;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.NoesisException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The training loop: masked next-token cross-entropy on the answers, AdamW written out (DJL's
 * PyTorch Adam clips gradients on one side only), global-norm clipping, warm-up, and a NaN guard.
 * A step whose loss or gradient norm is not finite is skipped before it changes anything; a step
 * whose updated weights are not finite is undone: weights and moments go back to the last
 * snapshot and the learning rate is halved. After {@value #MAX_UNDONE} such steps the run stops
 * with an error rather than loop. Batches depend only on (seed, step), so a run resumed from its checkpoint sees the
 * same data as one that never stopped.
 */
public final class LabTrainer {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.95;
    private static final double ADAM_EPS = 1e-8;

    /** Steps the NaN guard may undo in one run before training gives up. */
    static final int MAX_UNDONE = 20;

    /** Hears about each step. */
    public interface Listener {
        /** After a step: its number (1-based), the loss, tokens per second so far, and the learning rate used. */
        void step(int step, int steps, double loss, double tokensPerSecond, double learningRate);

        /** The NaN guard skipped a step, or undid it and went back to the last snapshot. */
        default void undone(int step, String why) {}

        Listener NONE = (s, n, l, t, r) -> {};
    }

    /**
     * What a run did.
     *
     * @param stepsRun steps run by this call (fewer than the configured steps when resumed)
     * @param tokens   tokens fed through the network by this call, padding left out
     * @param undone   steps the NaN guard undid
     */
    public record Report(int stepsRun, int lastStep, long tokens, double seconds, double finalLoss, int undone) {
        public double tokensPerSecond() {
            return seconds > 0 ? tokens / seconds : 0;
        }
    }

    private final LlamaNet net;
    private final List<ChatCodec.Sequence> data;
    private final TrainingConfig config;
    private final Path checkpoint;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private Checkpoint snapshot;
    private double lrScale = 1.0;

    /**
     * @param checkpoint where to keep the run's checkpoint, or null for none; an existing one is resumed from
     */
    public LabTrainer(LlamaNet net, List<ChatCodec.Sequence> data, TrainingConfig config, Path checkpoint) {
        if (data.isEmpty()) {
            throw new InvalidInputException("There is nothing to train on: the training set is empty.");
        }
        for (ChatCodec.Sequence s : data) {
            if (s.tokens().length > net.shape().context()) {
                throw new InvalidInputException(
                        "A training sequence has " + s.tokens().length + " tokens, more than the model's context of "
                                + net.shape().context() + ".");
            }
        }
        this.net = net;
        // Sorted by length (stable, so the order follows from the data): a batch is drawn from one
        // stretch of similar lengths, and padding to the longest row costs little.
        this.data = data.stream()
                .sorted(java.util.Comparator.comparingInt(s -> s.tokens().length))
                .toList();
        this.config = config;
        this.checkpoint = checkpoint;
        NDManager manager = net.manager();
        net.trainable().forEach((name, p) -> {
            m.put(name, manager.zeros(p.getShape()));
            v.put(name, manager.zeros(p.getShape()));
        });
    }

    /** Runs the remaining steps (all of them, unless a checkpoint says some are done). */
    public Report run(Listener listener) {
        return run(listener, step -> false);
    }

    /**
     * Runs the remaining steps, or fewer: after each step {@code stopAfter} is asked, with the
     * number of steps done, whether to stop there (a time budget, an interruption). A run stopped
     * early writes its checkpoint first, so that the next run resumes where it stopped.
     */
    public Report run(Listener listener, java.util.function.IntPredicate stopAfter) {
        int start = 0;
        if (checkpoint != null && Files.isRegularFile(checkpoint)) {
            Checkpoint c = Checkpoint.read(checkpoint);
            restore(c);
            start = c.step();
        }
        snapshot = capture(start);
        long tokens = 0;
        long began = System.nanoTime();
        double lastLoss = Double.NaN;
        int undone = 0;
        int lastStep = config.steps();
        for (int step = start; step < config.steps(); step++) {
            double lr = config.learningRateAt(step) * lrScale;
            Batch batch = batch(step);
            Outcome outcome;
            double loss;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                loss = forwardBackward(batch);
                if (poisonAt.test(step + 1)) {
                    poisonGradients();
                }
                outcome = Double.isFinite(loss) ? update(lr) : Outcome.skipped("loss " + loss);
            }
            if (outcome != Outcome.DONE) {
                if (++undone > MAX_UNDONE) {
                    throw new BackendException("Training stopped at step " + (step + 1) + ": " + undone
                            + " steps were not finite (last: " + outcome.why() + "). Lower the learning rate"
                            + " (it was " + config.learningRate() + ") or change the seed.");
                }
                listener.undone(step + 1, outcome.why());
                zeroGradients();
                if (outcome.weightsBroken()) {
                    // The update itself went wrong: back to the last good weights, more carefully.
                    restore(snapshot);
                    lrScale *= 0.5;
                    step = snapshot.step() - 1; // the loop's increment brings it back to the snapshot's step
                }
                // Otherwise nothing was applied: the step is skipped and the weights stay as they were.
                continue;
            }
            tokens += batch.tokens;
            lastLoss = loss;
            double seconds = (System.nanoTime() - began) / 1e9;
            listener.step(step + 1, config.steps(), loss, tokens / Math.max(seconds, 1e-9), lr);
            boolean stop = step + 1 < config.steps() && stopAfter.test(step + 1);
            if ((step + 1) % config.checkpointEvery() == 0 || step + 1 == config.steps() || stop) {
                snapshot = capture(step + 1);
                writeCheckpoint();
            }
            if (stop) {
                lastStep = step + 1;
                break;
            }
        }
        return new Report(lastStep - start, lastStep, tokens, (System.nanoTime() - began) / 1e9, lastLoss, undone);
    }

    private double forwardBackward(Batch batch) {
        NDManager manager = net.manager();
        NDArray inputs = manager.create(batch.inputs, new Shape(batch.rows, batch.cols));
        NDArray targets = manager.create(batch.targets, new Shape(batch.rows, batch.cols));
        NDArray mask = manager.create(batch.mask, new Shape(batch.rows, batch.cols));
        try (GradientCollector gc = net.manager().getEngine().newGradientCollector()) {
            NDArray loss = net.loss(inputs, targets, mask);
            gc.backward(loss);
            backwardRun = true;
            return loss.getFloat();
        }
    }

    /** How a step went: applied, skipped before any change, or applied with weights that came out broken. */
    private record Outcome(String why, boolean weightsBroken) {
        static final Outcome DONE = new Outcome(null, false);

        static Outcome skipped(String why) {
            return new Outcome(why, false);
        }
    }

    /** One AdamW step with clipping. */
    private Outcome update(double lr) {
        double sq = 0;
        Map<String, NDArray> grads = new LinkedHashMap<>();
        for (var e : net.trainable().entrySet()) {
            NDArray g = e.getValue().getGradient();
            grads.put(e.getKey(), g);
            sq += g.square().sum().getFloat();
        }
        double norm = Math.sqrt(sq);
        if (!Double.isFinite(norm)) {
            return Outcome.skipped("gradient norm " + norm);
        }
        float clip = (float) Math.min(1.0, config.clipNorm() / (norm + 1e-12));
        int t = stepCount++;
        double bias1 = 1 - Math.pow(BETA1, t + 1);
        double bias2 = 1 - Math.pow(BETA2, t + 1);
        double weightSq = 0;
        for (var e : net.trainable().entrySet()) {
            String name = e.getKey();
            NDArray p = e.getValue();
            NDArray g = grads.get(name).mul(clip);
            NDArray mi = m.get(name);
            NDArray vi = v.get(name);
            mi.muli((float) BETA1).addi(g.mul((float) (1 - BETA1)));
            vi.muli((float) BETA2).addi(g.square().mul((float) (1 - BETA2)));
            NDArray stepDir =
                    mi.div((float) bias1).div(vi.div((float) bias2).sqrt().add((float) ADAM_EPS));
            // Norm weights are not decayed: pulling them toward zero would fight the scale they set.
            if (!name.endsWith("norm.weight")) {
                p.muli((float) (1 - lr * config.weightDecay()));
            }
            p.subi(stepDir.mul((float) lr));
            grads.get(name).subi(grads.get(name));
            weightSq += p.square().sum().getFloat();
        }
        return Double.isFinite(weightSq) ? Outcome.DONE : new Outcome("weights not finite after the update", true);
    }

    /** AdamW's step count, for its bias correction. */
    private int stepCount;

    /** Whether the parameters have gradients yet (PyTorch creates them at the first backward pass). */
    private boolean backwardRun;

    private Checkpoint capture(int step) {
        Map<String, float[][]> tensors = new LinkedHashMap<>();
        net.trainable()
                .forEach((name, p) -> tensors.put(name, new float[][] {
                    p.toFloatArray(), m.get(name).toFloatArray(), v.get(name).toFloatArray()
                }));
        return new Checkpoint(step, lrScale, tensors);
    }

    private void restore(Checkpoint c) {
        for (var e : net.trainable().entrySet()) {
            float[][] saved = c.tensors().get(e.getKey());
            if (saved == null || saved[0].length != e.getValue().getShape().size()) {
                throw new InvalidInputException("The checkpoint does not fit this model: " + e.getKey()
                        + " is missing or of another size. Delete it to start afresh.");
            }
            e.getValue().set(saved[0]);
            m.get(e.getKey()).set(saved[1]);
            v.get(e.getKey()).set(saved[2]);
        }
        zeroGradients();
        lrScale = c.lrScale();
        stepCount = c.step();
    }

    /** Tests only: makes the gradients of the given steps (1-based) NaN, as a numerical fault would. */
    void poisonGradientsAt(java.util.function.IntPredicate steps) {
        this.poisonAt = steps;
    }

    private java.util.function.IntPredicate poisonAt = step -> false;

    private void poisonGradients() {
        NDArray p = net.trainable().values().iterator().next();
        float[] nan = new float[Math.toIntExact(p.getShape().size())];
        java.util.Arrays.fill(nan, Float.NaN);
        NDArray g = p.getGradient();
        g.set(nan);
        g.close();
    }

    /** Sets every gradient to zero by overwriting it: a NaN or infinite gradient stays so under subtraction. */
    private void zeroGradients() {
        if (!backwardRun) {
            return;
        }
        for (NDArray p : net.trainable().values()) {
            NDArray g = p.getGradient();
            g.set(new float[Math.toIntExact(p.getShape().size())]);
            g.close();
        }
    }

    private void writeCheckpoint() {
        if (checkpoint == null) {
            return;
        }
        try {
            Files.createDirectories(checkpoint.toAbsolutePath().getParent());
            snapshot.write(checkpoint);
        } catch (IOException e) {
            throw new NoesisException("Could not write the checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    /** A padded batch: inputs and targets shifted by one, the mask 1 on answer positions only. */
    private record Batch(long[] inputs, long[] targets, float[] mask, int rows, int cols, long tokens) {}

    /** Stretches of similar length that a batch is drawn from. */
    static final int LENGTH_BUCKETS = 4;

    /**
     * The batch of {@code step}, the same for the same step (so a resumed run goes on as it would
     * have): a length bucket drawn in proportion to its size, then rows drawn from it.
     */
    private Batch batch(int step) {
        SplittableRandom random = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + step);
        int buckets = Math.min(LENGTH_BUCKETS, data.size());
        int bucket = (int) ((long) random.nextInt(data.size()) * buckets / data.size());
        int from = (int) ((long) bucket * data.size() / buckets);
        int to = (int) ((long) (bucket + 1) * data.size() / buckets);
        List<ChatCodec.Sequence> rows = new ArrayList<>();
        for (int i = 0; i < config.batchSize(); i++) {
            rows.add(data.get(from + random.nextInt(to - from)));
        }
        int cols = rows.stream().mapToInt(s -> s.tokens().length - 1).max().orElseThrow();
        long[] inputs = new long[rows.size() * cols];
        long[] targets = new long[rows.size() * cols];
        float[] mask = new float[rows.size() * cols];
        long tokens = 0;
        for (int r = 0; r < rows.size(); r++) {
            int[] seq = rows.get(r).tokens();
            int answerStart = rows.get(r).answerStart();
            for (int c = 0; c + 1 < seq.length; c++) {
                inputs[r * cols + c] = seq[c];
                targets[r * cols + c] = seq[c + 1];
                mask[r * cols + c] = c + 1 >= answerStart ? 1f : 0f;
            }
            tokens += seq.length - 1;
        }
        return new Batch(inputs, targets, mask, rows.size(), cols, tokens);
    }
}
