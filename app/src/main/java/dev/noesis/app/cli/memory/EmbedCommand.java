package dev.noesis.app.cli.memory;

import dev.noesis.app.Noesis;
import dev.noesis.app.memory.MemoryAccess;
import dev.noesis.memory.MemorySchema;
import dev.noesis.memory.Neo4jMemory;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code noesis memory embed}: the resumable embedding stage. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Embed every concept and fact that has no vector yet, with the configured embedder"
                + " (noesis.embeddings.model). Each batch commits on its own: after an interruption, run it again to finish.")
public final class EmbedCommand implements Callable<Integer> {

    @Option(names = "--reset", description = "Remove every vector first and embed everything again (after changing the"
            + " embedder: vectors of two models cannot be compared).")
    boolean reset;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "256", description = "Texts per batch. Default: ${DEFAULT-VALUE}.")
    int batch;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Noesis.Env env;

    public EmbedCommand(Noesis.Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (batch < 1 || batch > 10_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch must be 1 to 10000");
        }
        var config = env.config().get();
        if (reset) {
            // Opened without an embedder: the schema check would refuse a graph embedded by another model.
            try (var embedder = MemoryAccess.embedder(config);
                    Neo4jMemory memory = Neo4jMemory.open(MemoryAccess.target(config, env.err()), Optional.empty(),
                            Neo4jMemory.Settings.DEFAULTS)) {
                MemorySchema.resetVectors(memory.graph(), embedder.dimensions());
                env.out().println("Removed every vector; embedding everything with " + embedder.name() + ".");
            }
        }
        try (Neo4jMemory memory = MemoryAccess.open(config, env.err())) {
            Embedding.run(memory, batch, env.out(), env.err());
        }
        return Noesis.OK;
    }
}
