package dev.noesis.cli.command;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.cli.terminal.ProgressBars;
import dev.noesis.jlama.ModelFolder;
import dev.noesis.jlama.tiny.ModelShape;
import dev.noesis.jlama.tiny.TinyModelWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code noesis model create-tiny}: a real model folder with seeded random weights. */
@Command(
        name = "create-tiny",
        mixinStandardHelpOptions = true,
        description =
                "Write a Llama-architecture model folder with seeded random weights (config.json, a BPE"
                        + " tokenizer with byte fallback, a chat template, model.safetensors) that loads like any model. Its"
                        + " output is noise. `tiny` is for tests and the offline demo; the real shapes give honest speed"
                        + " figures, since speed does not depend on the weights' values. The same seed writes byte-identical files.")
public final class CreateTinyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "The folder to write; it must not exist, or be empty.")
    Path dir;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "Seed of the weights. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--shape",
            paramLabel = "SHAPE",
            defaultValue = "tiny",
            description = "tiny, llama-3.2-1b, llama-3.2-3b or llama-3.1-8b. Default: ${DEFAULT-VALUE}.")
    String shape;

    private final CliContext env;

    public CreateTinyCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        ModelShape s = ModelShape.parse(shape);
        TinyModelWriter writer = new TinyModelWriter(s, seed);
        long bytes = writer.weightBytes();
        Path written;
        if (bytes > 64L << 20) {
            env.err().printf("Writing %.1f GB of %s weights.%n", bytes / 1e9, s.weightType);
            try (ProgressBars.Bar bar = ProgressBars.bytes(env.err(), "weights")) {
                written = writer.write(dir, chunk -> bar.add("model.safetensors", bytes, chunk));
            }
        } else {
            written = writer.write(dir, b -> {});
        }
        var info = ModelFolder.open(written).describe();
        env.out()
                .printf(
                        "Wrote a %s model with seed %d to %s: %,d parameters, %s weights, %,d bytes.%n",
                        s, seed, written, (long) info.get("parameters"), info.get("weights_dtypes"), (long)
                                info.get("weights_bytes"));
        env.out()
                .println(
                        "Its weights are random: its output is noise. Use it for tests, the demo and speed measurements"
                                + " (noesis model bench " + written + ").");
        return ExitCodes.OK;
    }
}
