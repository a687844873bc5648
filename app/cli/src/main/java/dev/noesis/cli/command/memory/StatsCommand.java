package dev.noesis.cli.command.memory;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.memory.MemoryStats;
import dev.noesis.memory.Neo4jMemory;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code noesis memory stats}. */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = "What memory holds: nodes and edges by kind, vectors, archived nodes.")
public final class StatsCommand implements Callable<Integer> {

    private final CliContext env;

    public StatsCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        try (Neo4jMemory memory = env.wiring().memory().open()) {
            MemoryStats s = memory.stats();
            env.out().println("Memory on " + memory.location() + " (schema version " + s.schemaVersion() + ")");
            env.out().printf(Locale.ROOT, "Nodes: %,d%n", s.totalNodes());
            s.nodes().forEach((label, n) -> env.out().printf(Locale.ROOT, "  %-14s %,d%n", label, n));
            env.out().printf(Locale.ROOT, "Edges: %,d%n", s.totalEdges());
            s.edges().forEach((relation, n) -> {
                if (n > 0) {
                    env.out().printf(Locale.ROOT, "  %-14s %,d%n", relation, n);
                }
            });
            env.out()
                    .printf(
                            Locale.ROOT,
                            "Vectors: %,d (%s)%n",
                            s.embedded(),
                            s.embedder().orElse("none yet"));
            env.out().printf(Locale.ROOT, "Archived: %,d%n", s.archived());
        }
        return ExitCodes.OK;
    }
}
