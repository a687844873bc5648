package dev.noesis.cli.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code noesis index}: work on the document index itself (adding to it is {@code noesis ingest}). */
@Command(
        name = "index",
        mixinStandardHelpOptions = true,
        description = "Work on the document index itself; `noesis ingest` adds to it and `noesis search` searches it.",
        subcommands = {IndexRemoveCommand.class, CommandLine.HelpCommand.class})
public final class IndexCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: remove");
    }
}
