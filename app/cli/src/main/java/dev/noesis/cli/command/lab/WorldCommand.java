package dev.noesis.cli.command.lab;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.lab.world.Fact;
import dev.noesis.wiring.Lab;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code noesis lab world DIR}. */
@Command(
        name = "world",
        mixinStandardHelpOptions = true,
        description = "Write a synthetic world: one document per entity, triples.jsonl (for `noesis memory import"
                + " triples`), the trained/held-out split, question suites with gold answers (1-hop, 2-hop, comparison,"
                + " arithmetic) and task domains for adapters. The same seed and size write byte-identical files.")
public final class WorldCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "The folder to write; it must not exist, or be empty.")
    Path dir;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--size",
            paramLabel = "PEOPLE",
            defaultValue = "300",
            description =
                    "People in the world (8 to 20000); places and companies scale with it. Default: ${DEFAULT-VALUE}.")
    int size;

    private final CliContext env;

    public WorldCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Lab.WorldSummary w = env.wiring().lab().writeWorld(dir, seed, size);
        long trained = w.world().facts().stream().filter(Fact::trained).count();
        env.out()
                .printf(
                        Locale.ROOT,
                        "Wrote a world with seed %d to %s: %,d people, %,d cities in %,d countries, %,d companies;"
                                + " %,d facts (%,d to train on, %,d held out), %,d questions.%n",
                        seed,
                        w.dir(),
                        w.world().people().size(),
                        w.world().cities().size(),
                        w.world().countries().size(),
                        w.world().companies().size(),
                        w.world().facts().size(),
                        trained,
                        w.world().facts().size() - trained,
                        w.world().questions().size());
        env.out().println("Next: noesis lab train " + w.dir());
        return ExitCodes.OK;
    }
}
