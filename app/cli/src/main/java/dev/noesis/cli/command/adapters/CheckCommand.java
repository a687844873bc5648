package dev.noesis.cli.command.adapters;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.jlama.lora.MergePlan;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code noesis adapters check}. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description =
                "Check an adapter folder against a base model (shapes, rank, base model named); nothing is loaded.")
public final class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "The adapter folder.")
    Path dir;

    @Option(names = "--model", required = true, description = "The base model (folder, or hub id already downloaded).")
    String model;

    @Option(names = "--force", description = "Accept it although the adapter names another base model.")
    boolean force;

    private final CliContext env;

    public CheckCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        MergePlan plan = env.wiring().adapters().check(dir, model, force);
        long base = plan.base().weightBytes();
        env.out()
                .printf(
                        Locale.ROOT,
                        "The adapter fits %s: %s; a variant costs %,d bytes of merged tensors (%.1f%% of the base's %,d).%n",
                        plan.base().dir(),
                        plan.summary(),
                        plan.mergedBytes(),
                        base == 0 ? 0 : 100.0 * plan.mergedBytes() / base,
                        base);
        return ExitCodes.OK;
    }
}
