package dev.noesis.cli.command;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.jlama.ModelFolder;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code noesis model info}: what a local model folder holds, checked without loading it. */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description =
                "Show a local model's architecture, size and weight types, after checking its files (nothing is loaded).")
public final class ModelInfoCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL", description = "A model folder, or the hub id of a model already downloaded.")
    String model;

    private final CliContext env;

    public ModelInfoCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        ModelFolder folder = ModelFolder.open(env.wiring().models().localFolder(model, false));
        env.out().println("model: " + folder.dir());
        for (Map.Entry<String, Object> e : folder.describe().entrySet()) {
            Object v = e.getValue();
            env.out().printf("  %-18s %s%n", e.getKey(), v instanceof Long l ? String.format("%,d", l) : v);
        }
        return ExitCodes.OK;
    }
}
