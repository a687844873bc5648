package dev.noesis.app.memory;

import dev.noesis.app.NoesisConfig;
import dev.noesis.app.Retrieval;
import dev.noesis.core.embedding.Embedder;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.embeddings.BundledModel;
import dev.noesis.memory.BoltTarget;
import dev.noesis.memory.Neo4jMemory;
import dev.noesis.memory.server.LocalNeo4j;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the command line reaches memory: the Neo4j server named by {@code noesis.memory.uri}, or else
 * the local server (started on demand, reused while it runs), with the configured embedder.
 */
public final class MemoryAccess {

    private MemoryAccess() {}

    /** The local server's launcher, with its folder under the Noesis home. */
    public static LocalNeo4j localServer(NoesisConfig config) {
        return new LocalNeo4j(new LocalNeo4j.Settings(serverDir(config), config.memoryDir(), config.memoryHeap(),
                config.memoryPageCache(), config.memoryStartTimeout()));
    }

    /** Where memory is: the configured server, or the local one (started if it is not running). */
    public static BoltTarget target(NoesisConfig config, PrintStream err) {
        Optional<String> uri = config.memoryUri();
        if (uri.isPresent()) {
            String password = config.memoryPassword().orElseThrow(() -> new InvalidInputException(
                    "noesis.memory.uri is set (" + uri.get() + ") but noesis.memory.password is not: set it (NOESIS_MEMORY_PASSWORD),"
                            + " or remove the URI to use the local server."));
            return new BoltTarget(uri.get(), config.memoryUser(), password, config.memoryDatabase());
        }
        LocalNeo4j server = localServer(config);
        if (server.status().isEmpty()) {
            err.println("Starting the local Neo4j server (data in " + config.memoryDir() + "); later commands reuse it,"
                    + " `noesis memory stop` stops it.");
        }
        return server.target(server.ensureRunning());
    }

    public static Neo4jMemory open(NoesisConfig config, PrintStream err) {
        return Neo4jMemory.open(target(config, err), Optional.of(embedder(config)), Neo4jMemory.Settings.DEFAULTS);
    }

    /**
     * The sentence embedder for memory's vectors: the one documents use ({@code noesis.embeddings.model},
     * by default the bundled BGE model), so that one model serves retrieval and memory.
     */
    public static Embedder embedder(NoesisConfig config) {
        String model = config.embeddingsModel().orElse(BundledModel.DEFAULT.modelName());
        return new Retrieval(config).embedder(model, Optional.empty());
    }

    /**
     * The local server's files: {@code noesis.memory.server-dir}, else {@code neo4j-server} beside
     * the application's jar (where the build puts it).
     */
    static Path serverDir(NoesisConfig config) {
        return config.memoryServerDir().orElseGet(() -> {
            try {
                Path code = Path.of(MemoryAccess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                return code.getParent().resolve("neo4j-server");
            } catch (URISyntaxException | SecurityException e) {
                return Path.of("neo4j-server");
            }
        });
    }
}
