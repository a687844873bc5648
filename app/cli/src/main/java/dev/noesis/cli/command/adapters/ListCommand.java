package dev.noesis.cli.command.adapters;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.lora.AdapterEntry;
import dev.noesis.wiring.Adapters;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code noesis adapters list}. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "The registered adapters; with --model, the memory they cost on that base model.")
public final class ListCommand implements Callable<Integer> {

    @Option(
            names = "--model",
            description = "A base model (folder or hub id): show the memory of its adapter variants.")
    String model;

    private final CliContext env;

    public ListCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        List<AdapterEntry> all = env.wiring().adapters().registry().list();
        if (all.isEmpty()) {
            env.out().println("No adapters registered.");
            return ExitCodes.OK;
        }
        for (AdapterEntry a : all) {
            env.out()
                    .printf(
                            Locale.ROOT,
                            "%-24s rank %-3d %-28s base %s%n",
                            a.name(),
                            a.rank(),
                            String.join(",", a.targetModules()),
                            a.baseModel().orElse("(not named)"));
        }
        if (model != null) {
            Adapters.Footprint f = env.wiring().adapters().footprint(all, model);
            env.out().println();
            env.out().printf(Locale.ROOT, "Memory on %s:%n", f.base());
            env.out()
                    .printf(
                            Locale.ROOT,
                            "  %-24s %,14d bytes (held once, shared by every variant)%n",
                            "base",
                            f.baseBytes());
            for (Adapters.Footprint.Line l : f.adapters()) {
                env.out()
                        .printf(
                                Locale.ROOT,
                                "  %-24s %,14d bytes (%d merged tensors)%n",
                                l.name(),
                                l.mergedBytes(),
                                l.tensors());
            }
            env.out()
                    .printf(
                            Locale.ROOT,
                            "  %-24s %,14d bytes (%.2fx the base)%n",
                            "all " + f.adapters().size() + " loaded",
                            f.totalBytes(),
                            f.ratio());
        }
        return ExitCodes.OK;
    }
}
