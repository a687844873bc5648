package dev.noesis.wiring;

import dev.noesis.core.embedding.Embedder;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.memory.Neo4jMemory;
import dev.noesis.memory.embed.EmbeddingStage;
import dev.noesis.memory.graph.BoltTarget;
import dev.noesis.memory.importer.FactImport;
import dev.noesis.memory.importer.ImportListener;
import dev.noesis.memory.importer.WordNetImporter;
import dev.noesis.memory.server.LocalNeo4j;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * How Noesis reaches memory: the Neo4j server named by {@code noesis.memory.uri}, or else the local
 * server (started on demand, reused while it runs), with the embedder documents use; and the work
 * done on it that more than one entry point needs (import then embed, re-embedding everything).
 */
public final class MemoryAccess {

    private static final String SERVER_FOLDER = "neo4j-server";

    private final NoesisConfig config;
    private final Documents documents;
    private final Notices notices;

    public MemoryAccess(NoesisConfig config, Documents documents, Notices notices) {
        this.config = config;
        this.documents = documents;
        this.notices = notices;
    }

    /** Whether memory is on a server the configuration names, which Noesis does not start or stop. */
    public Optional<String> externalServer() {
        return config.memory().uri();
    }

    /** The local server's launcher, with its folder under the Noesis home. */
    public LocalNeo4j localServer() {
        NoesisConfig.Memory m = config.memory();
        return new LocalNeo4j(
                new LocalNeo4j.Settings(serverDir(), config.memoryDir(), m.heap(), m.pageCache(), m.startTimeout()));
    }

    /** Where memory is: the configured server, or the local one (started if it is not running). */
    public BoltTarget target() {
        NoesisConfig.Memory m = config.memory();
        if (m.uri().isPresent()) {
            String password = m.password()
                    .orElseThrow(() -> new InvalidInputException(
                            "noesis.memory.uri is set (" + m.uri().get() + ") but noesis.memory.password is not: set it"
                                    + " (NOESIS_MEMORY_PASSWORD), or remove the URI to use the local server."));
            return new BoltTarget(m.uri().get(), m.user(), password, m.database());
        }
        LocalNeo4j server = localServer();
        if (server.status().isEmpty()) {
            notices.notice("Starting the local Neo4j server (data in " + config.memoryDir() + "); it stays up for later"
                    + " commands and requests until it is stopped.");
        }
        return server.target(server.ensureRunning());
    }

    /** Opens memory with the configured embedder. */
    public Neo4jMemory open() {
        return openWith(embedder());
    }

    /** Opens memory with a given embedder (a benchmark's precomputed one), which the memory then owns. */
    public Neo4jMemory openWith(Embedder embedder) {
        return Neo4jMemory.open(target(), Optional.of(embedder), Neo4jMemory.Settings.DEFAULTS);
    }

    /**
     * The sentence embedder for memory's vectors: the one documents use ({@code noesis.embeddings.model},
     * by default the bundled BGE model), so that one model serves retrieval and memory.
     */
    public Embedder embedder() {
        return documents.embedder(documents.configuredEmbeddingModel());
    }

    /** Imports facts with an importer of the memory module, reporting progress. */
    public FactImport importFacts(Neo4jMemory memory, BiFunction<Neo4jMemory, ImportListener, FactImport> importer) {
        try (Progress progress = notices.progress("Importing", Progress.Unit.ITEMS)) {
            return importer.apply(memory, progress::update);
        }
    }

    /** Imports all of WordNet 3.1 (shipped in a jar), reporting progress. */
    public WordNetImporter.Report importWordNet(Neo4jMemory memory, int batch) {
        try (Progress progress = notices.progress("WordNet", Progress.Unit.ITEMS)) {
            return memory.importWordNet(batch, progress::update);
        }
    }

    /** Embeds every node that has no vector yet, batch by batch (resumable), reporting progress. */
    public EmbeddingStage.Report embedMissing(Neo4jMemory memory, int batch) {
        EmbeddingStage stage = memory.embeddingStage(batch).orElseThrow();
        try (Progress progress = notices.progress("Embedding", Progress.Unit.ITEMS)) {
            return stage.run((done, total) -> progress.update("nodes", done, total));
        }
    }

    /**
     * Removes every vector, so that everything can be embedded again with the configured embedder
     * (vectors of two models cannot be compared). Returns the embedder's name.
     */
    public String resetVectors() {
        // Opened without an embedder: the schema check would refuse a graph embedded by another model.
        try (Embedder embedder = embedder();
                Neo4jMemory memory = Neo4jMemory.open(target(), Optional.empty(), Neo4jMemory.Settings.DEFAULTS)) {
            memory.resetVectors(embedder);
            return embedder.name();
        }
    }

    /**
     * The local server's files: {@code noesis.memory.server-dir}, else {@code neo4j-server} beside
     * the jar of this class or beside the folder of that jar (the distribution's {@code lib/}).
     */
    private Path serverDir() {
        return config.memory().serverDir().orElseGet(() -> {
            try {
                Path code = Path.of(MemoryAccess.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI());
                Path beside = code.getParent().resolve(SERVER_FOLDER);
                return Files.isDirectory(beside) || code.getParent().getParent() == null
                        ? beside
                        : code.getParent().getParent().resolve(SERVER_FOLDER);
            } catch (URISyntaxException | SecurityException e) {
                return Path.of(SERVER_FOLDER);
            }
        });
    }
}
