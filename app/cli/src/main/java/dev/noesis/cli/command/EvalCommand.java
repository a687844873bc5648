package dev.noesis.cli.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code noesis eval}: measurements against published benchmarks. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Measure pipelines against the raw model on benchmark suites, and retrieval against BEIR.",
        subcommands = {
            EvalListCommand.class,
            EvalRunCommand.class,
            EvalReportCommand.class,
            EvalCompareCommand.class,
            EvalRetrievalCommand.class,
            CommandLine.HelpCommand.class
        })
public final class EvalCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing subcommand: list, run, report, compare or retrieval");
    }
}
