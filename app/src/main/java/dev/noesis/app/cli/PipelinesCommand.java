package dev.noesis.app.cli;

import dev.noesis.app.Composition;
import dev.noesis.app.Noesis;
import dev.noesis.core.module.ThinkingModuleFactory;
import dev.noesis.orchestrator.Condition;
import dev.noesis.orchestrator.Pipeline;
import dev.noesis.orchestrator.pipeline.Pipelines;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code noesis pipelines}: what can be run, and checking a pipeline file before running it. */
@Command(name = "pipelines", mixinStandardHelpOptions = true,
        description = "List, show and check pipelines, and list the modules they can use.",
        subcommands = {PipelinesCommand.ListPipelines.class, PipelinesCommand.Show.class, PipelinesCommand.Validate.class,
            PipelinesCommand.Modules.class, CommandLine.HelpCommand.class})
public final class PipelinesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: list, show, validate or modules");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The pipelines you can run, and the idea each one tests.")
    public static final class ListPipelines implements Callable<Integer> {
        private final Noesis.Env env;

        public ListPipelines(Noesis.Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            for (Pipelines.Entry e : new Composition(env.config().get(), env.err()).pipelines().list()) {
                env.out().printf("%-32s %s%n%-32s (%s)%n", e.name(), e.description(), "", e.source());
            }
            return Noesis.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a pipeline's YAML, to read it or copy it as a start of your own.")
    public static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The pipeline's name.")
        String name;

        private final Noesis.Env env;

        public Show(Noesis.Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            env.out().print(new Composition(env.config().get(), env.err()).pipelines().source(name));
            return Noesis.OK;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a pipeline file completely without running it: every problem with its line and column.")
    public static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The pipeline file (YAML).")
        Path file;

        private final Noesis.Env env;

        public Validate(Noesis.Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Pipeline p = new Composition(env.config().get(), env.err()).pipelines().parser().parse(file);
            env.out().println(file + ": the pipeline '" + p.name() + "' is valid (" + p.steps().size() + " steps).");
            return Noesis.OK;
        }
    }

    @Command(name = "modules", mixinStandardHelpOptions = true,
            description = "The modules a pipeline can use, their settings, and the names conditions can read.")
    public static final class Modules implements Callable<Integer> {
        private final Noesis.Env env;

        public Modules(Noesis.Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            var registry = new Composition(env.config().get(), env.err()).registry();
            for (String name : registry.names()) {
                ThinkingModuleFactory<?> f = registry.factory(name).orElseThrow();
                env.out().printf("%-20s %s%n%-20s settings: %s%n", name, f.description(), "", String.join(", ", registry.settings(name)));
            }
            env.out().println();
            env.out().println("control forms: repeat {max, until, steps}, fanout {n, temperature, select, steps}, when {condition, steps}");
            env.out().println("conditions read: " + String.join(", ", Condition.names()));
            return Noesis.OK;
        }
    }
}
