package dev.noesis.cli.command.adapters;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.lora.AdapterEntry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code noesis adapters remove}. */
@Command(
        name = "remove",
        mixinStandardHelpOptions = true,
        description = "Unregister an adapter (its registry copy is deleted; a referenced folder is left alone).")
public final class RemoveCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME")
    String name;

    private final CliContext env;

    public RemoveCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        AdapterEntry a = env.wiring().adapters().registry().remove(name);
        env.out()
                .println("Removed adapter " + a.name()
                        + (a.copied() ? " and its copy." : "; " + a.folder() + " is left as it was."));
        return ExitCodes.OK;
    }
}
