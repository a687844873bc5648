package dev.noesis.app;

import dev.noesis.app.cli.AskCommand;
import dev.noesis.app.cli.BenchGroupCommand;
import dev.noesis.app.cli.DemoCommand;
import dev.noesis.app.cli.EvalCommand;
import dev.noesis.app.cli.IngestCommand;
import dev.noesis.app.cli.ModelCommand;
import dev.noesis.app.cli.PipelinesCommand;
import dev.noesis.app.cli.SearchCommand;
import dev.noesis.app.cli.memory.MemoryCommand;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.NoesisException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
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
            "Start with `noesis demo` (offline, nothing to install), then `noesis ask`."
        },
        subcommands = {AskCommand.class, DemoCommand.class, PipelinesCommand.class, ModelCommand.class, IngestCommand.class,
            SearchCommand.class, EvalCommand.class, MemoryCommand.class, BenchGroupCommand.class, CommandLine.HelpCommand.class},
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

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int STOPPED_EARLY = 3;

    /** What every command works with. The configuration is read when first needed, so its errors are reported like any other. */
    public record Env(PrintStream out, PrintStream err, Supplier<NoesisConfig> config, boolean verbose) {

        public Env(PrintStream out, PrintStream err, Supplier<NoesisConfig> config) {
            this(out, err, config, false);
        }
    }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Show progress logs, and stack traces with errors.")
    boolean verbose;

    private final Env env;

    public Noesis(Env env) {
        this.env = env;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(env.out());
    }

    public static void main(String[] args) {
        boolean verbose = isVerbose(args);
        Logging.configure(verbose);
        Env env = new Env(System.out, System.err, memoize(NoesisConfig::load));
        System.exit(execute(env, args));
    }

    /** Runs one command line; returns the exit code. */
    public static int execute(Env given, String... args) {
        boolean verbose = isVerbose(args);
        Env env = new Env(given.out(), given.err(), given.config(), verbose);
        CommandLine cli = new CommandLine(new Noesis(env), factory(env));
        cli.setOut(new PrintWriter(env.out(), true));
        cli.setErr(new PrintWriter(env.err(), true));
        cli.setParameterExceptionHandler((ex, a) -> {
            String help = ex.getCommandLine().getCommandSpec().qualifiedName() + " --help";
            env.err().println("noesis: " + ex.getMessage() + " (see `" + help + "`)");
            if (verbose) {
                ex.printStackTrace(env.err());
            }
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, c, parsed) -> report(env.err(), ex, verbose));
        return cli.execute(args);
    }

    /** Prints an error as one line (with the stack trace under --verbose) and returns its exit code. */
    public static int report(PrintStream err, Throwable ex, boolean verbose) {
        if (ex instanceof NoesisException) {
            err.println("noesis: " + ex.getMessage());
        } else {
            err.println("noesis: internal error: " + ex + (verbose ? "" : " (run with --verbose for the stack trace)"));
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        return ex instanceof InvalidInputException ? BAD_INPUT : FAILED;
    }

    private static boolean isVerbose(String[] args) {
        List<String> list = Arrays.asList(args);
        return list.contains("--verbose") || list.contains("-v");
    }

    private static CommandLine.IFactory factory(Env env) {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                try {
                    return cls.getDeclaredConstructor(Env.class).newInstance(env);
                } catch (NoSuchMethodException e) {
                    return CommandLine.defaultFactory().create(cls);
                }
            }
        };
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Noesis.class.getPackage().getImplementationVersion();
            return new String[] {"noesis " + (v == null ? "(development build)" : v),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
