package dev.noesis.cli.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code noesis eval}: measurements against published benchmarks. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Evaluate a part of Noesis on a benchmark with published figures.",
        subcommands = {EvalRetrievalCommand.class, CommandLine.HelpCommand.class})
public final class EvalCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: retrieval");
    }
}
