package dev.noesis.cli;

import dev.noesis.cli.command.AskCommand;
import dev.noesis.cli.command.BenchGroupCommand;
import dev.noesis.cli.command.DemoCommand;
import dev.noesis.cli.command.EvalCommand;
import dev.noesis.cli.command.IndexCommand;
import dev.noesis.cli.command.IngestCommand;
import dev.noesis.cli.command.ModelCommand;
import dev.noesis.cli.command.PipelinesCommand;
import dev.noesis.cli.command.SearchCommand;
import dev.noesis.cli.command.adapters.AdaptersCommand;
import dev.noesis.cli.command.lab.LabCommand;
import dev.noesis.cli.command.memory.MemoryCommand;
import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ErrorReport;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.cli.terminal.FiniteNumber;
import dev.noesis.wiring.NoesisConfig;
import dev.noesis.wiring.ProcessTempFolder;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code noesis} command: its subcommands, and how errors reach the user. */
@Command(
        name = "noesis",
        mixinStandardHelpOptions = true,
        versionProvider = Noesis.Version.class,
        description = {
            "A cognitive layer over a local LLM: composable thinking modules turn a raw completion into traced,"
                    + " checkable reasoning, and experiments measure what each one adds.",
            "",
            "Start with `noesis demo` (offline, nothing to install), then `noesis ask`.",
            "`noesis serve` starts the REST server, a program of its own (see `noesis serve --help`)."
        },
        subcommands = {
            AskCommand.class,
            DemoCommand.class,
            PipelinesCommand.class,
            ModelCommand.class,
            IngestCommand.class,
            IndexCommand.class,
            SearchCommand.class,
            EvalCommand.class,
            MemoryCommand.class,
            AdaptersCommand.class,
            LabCommand.class,
            BenchGroupCommand.class,
            CommandLine.HelpCommand.class
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  done",
            "  1  something failed while working (a model server, the disk, a bug)",
            "  2  bad input (a flag, the question, a model's files); the message says what to change",
            "  3  a run stopped early (budget spent, or cancelled); what it had is printed",
            "",
            "Configuration: noesis.* keys in ~/.noesis/noesis.properties, NOESIS_* environment variables (NOESIS_MODEL"
                    + " for noesis.model) or -Dnoesis.*=... in NOESIS_JAVA_OPTS; flags win."
        })
public final class Noesis implements Runnable {

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Show progress logs, and stack traces with errors.")
    boolean verbose;

    private final CliContext context;

    public Noesis(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(context.out());
    }

    public static void main(String[] args) {
        Logging.configure(isVerbose(args));
        ProcessTempFolder.claim();
        System.exit(execute(new CliContext(System.out, System.err, NoesisConfig::load), args));
    }

    /** Runs one command line; returns the exit code. */
    public static int execute(CliContext given, String... args) {
        boolean verbose = isVerbose(args);
        CliContext context = new CliContext(given.out(), given.err(), given.config(), verbose);
        CommandLine cli = new CommandLine(new Noesis(context), factory(context));
        FiniteNumber.registerOn(cli);
        cli.setOut(new PrintWriter(context.out(), true));
        cli.setErr(new PrintWriter(context.err(), true));
        cli.setParameterExceptionHandler((ex, a) -> {
            String help = ex.getCommandLine().getCommandSpec().qualifiedName() + " --help";
            context.err().println("noesis: " + ex.getMessage() + " (see `" + help + "`)");
            if (verbose) {
                ex.printStackTrace(context.err());
            }
            return ExitCodes.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, c, parsed) -> ErrorReport.report(context.err(), ex, verbose));
        return cli.execute(args);
    }

    private static boolean isVerbose(String[] args) {
        List<String> list = Arrays.asList(args);
        return list.contains("--verbose") || list.contains("-v");
    }

    /** Commands get the context through a constructor that takes it. */
    private static CommandLine.IFactory factory(CliContext context) {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                try {
                    return cls.getDeclaredConstructor(CliContext.class).newInstance(context);
                } catch (NoSuchMethodException e) {
                    return CommandLine.defaultFactory().create(cls);
                }
            }
        };
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Noesis.class.getPackage().getImplementationVersion();
            return new String[] {
                "noesis " + (v == null ? "(development build)" : v),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
