package dev.noesis.cli.command.memory;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.memory.Neo4jMemory;
import dev.noesis.wiring.MemoryAccess;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code noesis memory embed}: the resumable embedding stage. */
@Command(
        name = "embed",
        mixinStandardHelpOptions = true,
        description =
                "Embed every concept and fact that has no vector yet, with the configured embedder"
                        + " (noesis.embeddings.model). Each batch commits on its own: after an interruption, run it again to finish.")
public final class EmbedCommand implements Callable<Integer> {

    @Option(
            names = "--reset",
            description = "Remove every vector first and embed everything again (after changing the"
                    + " embedder: vectors of two models cannot be compared).")
    boolean reset;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "256",
            description = "Texts per batch. Default: ${DEFAULT-VALUE}.")
    int batch;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CliContext env;

    public EmbedCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (batch < 1 || batch > 10_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch must be 1 to 10000");
        }
        MemoryAccess access = env.wiring().memory();
        if (reset) {
            env.out().println("Removed every vector; embedding everything with " + access.resetVectors() + ".");
        }
        try (Neo4jMemory memory = access.open()) {
            Embedding.run(access, memory, batch, env.out());
        }
        return ExitCodes.OK;
    }
}
