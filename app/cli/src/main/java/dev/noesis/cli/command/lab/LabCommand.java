package dev.noesis.cli.command.lab;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code noesis lab}: a synthetic world where the truth is known, and small models trained on it. */
@Command(
        name = "lab",
        mixinStandardHelpOptions = true,
        description = {
            "The lab: a synthetic world of made-up people, places and companies, and a small Llama model (and LoRA"
                    + " adapters) trained on part of it on the CPU. Nothing in the world exists outside it, so the"
                    + " model can know only what it was shown: a positive control for pipelines and experiments.",
            "",
            "  noesis lab world DIR --seed 1     write the world (documents, triples, question suites)",
            "  noesis lab train DIR              train the model into DIR/model and adapters into DIR/adapters",
            "  noesis lab run DIR                the experiment: raw vs rag on held-out and trained facts, and the"
                    + " random-weight control, into DIR/results"
        },
        subcommands = {WorldCommand.class, TrainCommand.class, RunCommand.class, CommandLine.HelpCommand.class})
public final class LabCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: world, train or run");
    }
}
