package dev.noesis.cli.command.adapters;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.lora.AdapterEntry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code noesis adapters show}. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Everything the registry holds about an adapter.")
public final class ShowCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME")
    String name;

    private final CliContext env;

    public ShowCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        AdapterEntry a = env.wiring().adapters().registry().show(name);
        boolean unchanged = env.wiring().adapters().registry().unchanged(a);
        env.out().println("adapter: " + a.name());
        env.out().println("  description:    " + a.description());
        env.out().println("  base model:     " + a.baseModel().orElse("(not named)"));
        env.out().println("  rank:           " + a.rank());
        env.out().println("  target modules: " + String.join(", ", a.targetModules()));
        env.out().println("  files:          " + a.folder() + (a.copied() ? " (registry copy)" : " (referenced)"));
        env.out().println("  bytes:          " + String.format("%,d", a.bytes()));
        env.out()
                .println(
                        "  content hash:   " + a.contentHash() + (unchanged ? "" : " (the files have changed since!)"));
        a.servedAs().ifPresent(s -> env.out().println("  served as:      " + s));
        env.out().println("  keywords:       " + String.join(", ", a.keywords()));
        env.out().println("  added:          " + a.addedAt());
        env.out().println("  examples:       " + a.examples().size());
        a.examples().forEach(e -> env.out().println("    - " + e));
        return ExitCodes.OK;
    }
}
