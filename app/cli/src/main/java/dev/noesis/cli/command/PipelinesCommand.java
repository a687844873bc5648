package dev.noesis.cli.command;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.core.module.ThinkingModuleFactory;
import dev.noesis.orchestrator.Pipeline;
import dev.noesis.orchestrator.pipeline.Pipelines;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code noesis pipelines}: what can be run, and checking a pipeline file before running it. */
@Command(
        name = "pipelines",
        mixinStandardHelpOptions = true,
        description = "List, show and check pipelines, and list the modules they can use.",
        subcommands = {
            PipelinesCommand.ListPipelines.class,
            PipelinesCommand.Show.class,
            PipelinesCommand.Validate.class,
            PipelinesCommand.Modules.class,
            CommandLine.HelpCommand.class
        })
public final class PipelinesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing subcommand: list, show, validate or modules");
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "The pipelines you can run, and the idea each one tests.")
    public static final class ListPipelines implements Callable<Integer> {
        private final CliContext env;

        public ListPipelines(CliContext env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            for (Pipelines.Entry e : env.wiring().composition().pipelines().list()) {
                if (e.runnable()) {
                    env.out().printf("%-32s %s%n%-32s (%s)%n", e.name(), e.description(), "", e.source());
                } else {
                    env.out()
                            .printf(
                                    "%-32s cannot be run: %s%n",
                                    e.name(), e.problem().orElseThrow());
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Print a pipeline's YAML, to read it or copy it as a start of your own.")
    public static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The pipeline's name.")
        String name;

        private final CliContext env;

        public Show(CliContext env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            env.out().print(env.wiring().composition().pipelines().source(name));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description =
                    "Check a pipeline file completely without running it: every problem with its line and column.")
    public static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The pipeline file (YAML).")
        Path file;

        private final CliContext env;

        public Validate(CliContext env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Pipeline p = env.wiring().composition().pipelines().parser().parse(file);
            env.wiring().adapters().check(p);
            env.out()
                    .println(file + ": the pipeline '" + p.name() + "' is valid ("
                            + p.steps().size() + " steps).");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "modules",
            mixinStandardHelpOptions = true,
            description = "The modules a pipeline can use, their settings, and the names conditions can read.")
    public static final class Modules implements Callable<Integer> {
        private final CliContext env;

        public Modules(CliContext env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            var registry = env.wiring().composition().registry();
            for (String name : registry.names()) {
                ThinkingModuleFactory<?> f = registry.factory(name).orElseThrow();
                env.out()
                        .printf(
                                "%-20s %s%n%-20s settings: %s%n",
                                name, f.description(), "", String.join(", ", registry.settings(name)));
            }
            env.out().println();
            env.out()
                    .println(
                            "control forms: repeat {max, until, steps}, fanout {n, temperature, select, steps}, when {condition, steps}");
            env.out().println("conditions read: " + String.join(", ", registry.conditionNames()));
            return ExitCodes.OK;
        }
    }
}
