package dev.noesis.cli.command.memory;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code noesis memory}: long-term memory, a graph of concepts and facts in Neo4j. */
@Command(
        name = "memory",
        mixinStandardHelpOptions = true,
        description = {
            "Long-term memory: a graph of concepts, facts and episodes in Neo4j.",
            "",
            "Without noesis.memory.uri, Noesis starts a local Neo4j server itself (its own process, Bolt on 127.0.0.1,"
                    + " data under <noesis home>/neo4j) and later commands reuse it. With noesis.memory.uri (and"
                    + " noesis.memory.user / noesis.memory.password), memory is on that server instead."
        },
        subcommands = {
            ImportCommand.class,
            EmbedCommand.class,
            RecallCommand.class,
            StatsCommand.class,
            ConsolidateCommand.class,
            ServerCommands.Start.class,
            ServerCommands.Stop.class,
            ServerCommands.Status.class,
            MemoryBenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class MemoryCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "Missing subcommand: import, embed, recall, stats, consolidate, start, stop, status or bench");
    }
}
