package dev.noesis.cli.command;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.jlama.ModelFolder;
import dev.noesis.jlama.ModelQuantizer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code noesis model quantize}: a quantized copy on disk. */
@Command(
        name = "quantize",
        mixinStandardHelpOptions = true,
        description = "Write a quantized copy of a model, which then loads like any model (Q4: about a third of"
                + " the size of BF16, and about twice as fast). Jlama 0.8.4 computes with Q4 and BF16 weights; it has no"
                + " 8-bit kernels, so Q8 is refused.")
public final class QuantizeCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            paramLabel = "SOURCE",
            description = "The model folder (or downloaded hub id) to quantize.")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET", description = "The folder to write; it must not exist.")
    Path target;

    @Option(
            names = "--type",
            paramLabel = "TYPE",
            defaultValue = "Q4",
            description = "Q4 or BF16. Default: ${DEFAULT-VALUE}.")
    String type;

    private final CliContext env;

    public QuantizeCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        ModelQuantizer.Target t = ModelQuantizer.Target.parse(type);
        Path src = env.wiring().models().localFolder(source, false);
        long before = ModelFolder.open(src).weightBytes();
        env.err().println("Quantizing " + src + " to " + t + " (about a minute per billion parameters)...");
        long start = System.nanoTime();
        Path out = ModelQuantizer.quantize(src, target, t);
        long after = ModelFolder.open(out).weightBytes();
        env.out()
                .printf(
                        "Wrote %s: %,d bytes of weights (%.0f%% of %,d) in %.1f s.%n",
                        out, after, 100.0 * after / before, before, (System.nanoTime() - start) / 1e9);
        return ExitCodes.OK;
    }
}
