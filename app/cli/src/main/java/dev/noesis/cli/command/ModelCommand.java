package dev.noesis.cli.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code noesis model}: create, inspect, quantize and measure local models. */
@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        description = "Create, inspect, quantize and measure local models.",
        subcommands = {
            CreateTinyCommand.class,
            ModelInfoCommand.class,
            QuantizeCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class ModelCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing subcommand: create-tiny, info, quantize or bench");
    }
}
