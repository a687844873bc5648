package dev.noesis.cli.command.memory;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.memory.server.LocalNeo4j;
import dev.noesis.wiring.MemoryAccess;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code noesis memory start | stop | status}: the local Neo4j server. */
public final class ServerCommands {

    private ServerCommands() {}

    /** Says so when memory is on a configured server, which these commands do not manage. */
    private static boolean external(MemoryAccess access, PrintStream out) {
        Optional<String> uri = access.externalServer();
        uri.ifPresent(u -> out.println("Memory is on " + u + " (noesis.memory.uri); the local server is not used."));
        return uri.isPresent();
    }

    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description = "Start the local Neo4j server (memory commands also start it when they need it).")
    public static final class Start implements Callable<Integer> {
        private final CliContext env;

        public Start(CliContext env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            MemoryAccess access = env.wiring().memory();
            if (external(access, env.out())) {
                return ExitCodes.OK;
            }
            LocalNeo4j server = access.localServer();
            boolean was = server.status().isPresent();
            LocalNeo4j.Running r = server.ensureRunning();
            env.out()
                    .println((was ? "Already running: " : "Started: ") + r.uri() + " (pid " + r.pid() + ", data in "
                            + server.home() + ")");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = "Stop the local Neo4j server cleanly (its store is checkpointed; nothing is lost).")
    public static final class Stop implements Callable<Integer> {
        private final CliContext env;

        public Stop(CliContext env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            MemoryAccess access = env.wiring().memory();
            if (external(access, env.out())) {
                return ExitCodes.OK;
            }
            boolean stopped = access.localServer().stop(Duration.ofSeconds(60));
            env.out().println(stopped ? "Stopped the local Neo4j server." : "The local Neo4j server was not running.");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Whether the local Neo4j server runs, and where.")
    public static final class Status implements Callable<Integer> {
        private final CliContext env;

        public Status(CliContext env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            MemoryAccess access = env.wiring().memory();
            if (external(access, env.out())) {
                return ExitCodes.OK;
            }
            LocalNeo4j server = access.localServer();
            Optional<LocalNeo4j.Running> r = server.status();
            env.out()
                    .println(r.map(x -> "Running: " + x.uri() + " (pid " + x.pid() + ")")
                                    .orElse("Not running.") + " Data in " + server.home() + ", log " + server.logFile()
                            + ".");
            return ExitCodes.OK;
        }
    }
}
