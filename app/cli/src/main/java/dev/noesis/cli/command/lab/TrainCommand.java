package dev.noesis.cli.command.lab;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.lab.model.LabTrainer;
import dev.noesis.lab.model.LabTraining;
import dev.noesis.wiring.Lab;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code noesis lab train DIR}. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a small Llama model on the world's trained facts and on plain sums (DJL with PyTorch, on the CPU),"
                    + " write it to DIR/model (a model folder Jlama loads), then one LoRA adapter per task domain to"
                    + " DIR/adapters/ID (PEFT folders). Seeded; checkpoints in DIR/work, so a stopped run resumes"
                    + " where it stopped when run again.",
            "",
            "Training is budgeted in steps: a busy machine can be ten times slower. --minutes stops the base model"
                    + " early (exit code 3); run again to go on. With a GPU, put DJL's CUDA native artifact"
                    + " (ai.djl.pytorch:pytorch-native-cu*) on the class path instead of the CPU one."
        })
public final class TrainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "A folder written by `noesis lab world`.")
    Path dir;

    @Option(
            names = "--size",
            paramLabel = "SIZE",
            defaultValue = "tiny",
            description = "tiny or small. Default: ${DEFAULT-VALUE}.")
    String size;

    @Option(
            names = "--steps",
            paramLabel = "N",
            defaultValue = "0",
            description = "Base-model steps (default: 1500 tiny, 4000 small).")
    int steps;

    @Option(
            names = "--adapter-steps",
            paramLabel = "N",
            defaultValue = "0",
            description = "Steps per adapter (default: a fifth of the base's).")
    int adapterSteps;

    @Option(
            names = "--minutes",
            paramLabel = "N",
            defaultValue = "0",
            description = "Stop the base model after N minutes (0: no limit).")
    double minutes;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Training seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--no-adapters", description = "Train the base model only.")
    boolean noAdapters;

    private final CliContext env;

    public TrainCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Lab.TrainSummary s = env.wiring()
                .lab()
                .train(dir, new Lab.TrainRequest(size, steps, adapterSteps, minutes, seed, !noAdapters));
        LabTrainer.Report b = s.base();
        env.out()
                .printf(
                        Locale.ROOT,
                        "Base model: step %d, %,d tokens in %.1f s (%.0f tokens/s), final loss %.4f%s -> %s%n",
                        b.lastStep(),
                        b.tokens(),
                        b.seconds(),
                        b.tokensPerSecond(),
                        b.finalLoss(),
                        b.undone() > 0 ? ", " + b.undone() + " steps undone by the NaN guard" : "",
                        s.modelDir());
        for (LabTraining.AdapterResult a : s.adapters()) {
            env.out()
                    .printf(
                            Locale.ROOT,
                            "Adapter %s: %d steps, %.0f tokens/s, final loss %.4f, %d modules%n",
                            a.adapterDir(),
                            a.report().stepsRun(),
                            a.report().tokensPerSecond(),
                            a.report().finalLoss(),
                            a.modules().size());
        }
        if (!s.complete()) {
            env.out().println("Stopped at the time limit; run the same command again to resume from the checkpoint.");
            return ExitCodes.STOPPED_EARLY;
        }
        return ExitCodes.OK;
    }
}
