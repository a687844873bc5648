package dev.noesis.cli.command.adapters;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code noesis adapters}: LoRA adapters in PEFT format, the registry under the home, their check against a model. */
@Command(
        name = "adapters",
        mixinStandardHelpOptions = true,
        description = {
            "LoRA adapters (PEFT folders: adapter_config.json and adapter_model.safetensors), registered under"
                    + " <noesis home>/adapters with a description and example prompts for the router.",
            "",
            "An adapter is merged into the base model's weights when it is used (W + alpha/r * B*A); variants share"
                    + " every tensor the adapter does not change, so each one costs only its merged tensors."
        },
        subcommands = {
            AddCommand.class,
            ListCommand.class,
            ShowCommand.class,
            RemoveCommand.class,
            CheckCommand.class,
            CommandLine.HelpCommand.class
        })
public final class AdaptersCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing subcommand: add, list, show, remove or check");
    }
}
