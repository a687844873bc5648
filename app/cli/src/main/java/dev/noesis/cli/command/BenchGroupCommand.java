package dev.noesis.cli.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code noesis bench}: speed measurements you can rerun. ({@code noesis model bench} measures a language model.) */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Measure the speed of a part of Noesis on this machine (for a language model: `noesis model bench`).",
        subcommands = {RetrievalBenchCommand.class, CommandLine.HelpCommand.class})
public final class BenchGroupCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: retrieval");
    }
}
