package dev.noesis.wiring.experiments;

import dev.noesis.core.error.BackendException;
import dev.noesis.core.memory.Fact;
import dev.noesis.experiments.run.SetupEnvironment;
import dev.noesis.experiments.suite.SuiteSetup;
import dev.noesis.memory.Neo4jMemory;
import dev.noesis.memory.importer.FactSink;
import dev.noesis.retrieval.ingest.Ingestor;
import dev.noesis.wiring.Documents;
import dev.noesis.wiring.NoesisConfig;
import dev.noesis.wiring.Notices;
import dev.noesis.wiring.Progress;
import dev.noesis.wiring.Wiring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The data homes of an experiment: folders of its own, each a Noesis home with an index and a local
 * memory, that suites' setups are put into, so that no arm ever reads (or writes) the user's index or
 * memory. Closed-book suites get an empty one, so that {@code rag} on them finds nothing rather than
 * the user's documents. The user's pipelines, templates and embedding model stay in force.
 */
public final class DataHomes implements SetupEnvironment, AutoCloseable {

    private final NoesisConfig user;
    private final Function<Map<String, String>, NoesisConfig> configWith;
    private final Path root;
    private final Notices notices;
    private final Map<Path, Wiring> wirings = new ConcurrentHashMap<>();

    /**
     * @param user       the user's configuration
     * @param configWith the configuration of this process with some keys set (flags over everything)
     * @param root       where the data homes go (the run's setups folder)
     * @param notices    where progress goes
     */
    public DataHomes(
            NoesisConfig user, Function<Map<String, String>, NoesisConfig> configWith, Path root, Notices notices) {
        this.user = user;
        this.configWith = configWith;
        this.root = root;
        this.notices = notices;
    }

    /** The empty home that closed-book suites run in. */
    public Path closedBook() {
        Path home = root.resolve("closed-book");
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new BackendException("Cannot create the experiment's data home " + home + ": " + e.getMessage(), e);
        }
        return home;
    }

    /** The wiring of a data home: its own index and memory, the user's pipelines and embedding model. */
    public Wiring wiring(Path home) {
        return wirings.computeIfAbsent(home, h -> {
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put("noesis.home", h.toString());
            keys.put("noesis.index.dir", h.resolve("index").toString());
            keys.put("noesis.pipelines.dir", user.pipelinesDir().toString());
            keys.put("noesis.templates.dir", user.templatesDir().toString());
            // Always the data home's own local server, even where the user's memory is a server by URI.
            keys.put("noesis.memory.uri", "");
            user.embeddings().model().ifPresent(m -> keys.put("noesis.embeddings.model", m));
            user.memory().serverDir().ifPresent(d -> keys.put("noesis.memory.server-dir", d.toString()));
            return new Wiring(configWith.apply(keys), notices);
        });
    }

    @Override
    public void install(SuiteSetup setup, Path home) throws Exception {
        Wiring w = wiring(home);
        if (!setup.documents().isEmpty()) {
            ingest(w.documents(), setup.documents(), home.resolve("corpus"));
        }
        if (!setup.facts().isEmpty()) {
            try {
                importFacts(w, setup.facts());
            } finally {
                // The runner moves a finished home into place: no server may still hold its files.
                stopMemory(w);
                wirings.remove(home);
            }
        }
    }

    private void ingest(Documents documents, List<SuiteSetup.SetupDocument> docs, Path corpus) throws IOException {
        Files.createDirectories(corpus);
        int n = 0;
        for (SuiteSetup.SetupDocument d : docs) {
            String text = d.title().isBlank() ? d.text() : d.title() + "\n\n" + d.text();
            Files.writeString(corpus.resolve(String.format("%06d-%s.txt", n++, safeName(d.id()))), text);
        }
        try (Progress progress = notices.progress("Ingesting the suite's documents", Progress.Unit.ITEMS)) {
            Documents.Ingestion done =
                    documents.ingest(List.of(corpus), Ingestor.Settings.DEFAULTS, new Ingestor.Listener() {
                        int files;
                        int total;

                        @Override
                        public void started(int count) {
                            total = count;
                        }

                        @Override
                        public void fileDone(Path file, Ingestor.Outcome outcome, int chunks) {
                            progress.update("documents", ++files, total);
                        }
                    });
            if (!done.report().failed().isEmpty()) {
                throw new BackendException("The suite's documents could not all be ingested: "
                        + done.report().failed().getFirst());
            }
        }
    }

    private void importFacts(Wiring w, List<Fact> facts) {
        try (Neo4jMemory memory = w.memory().open();
                Progress progress = notices.progress("Importing the suite's facts", Progress.Unit.ITEMS)) {
            for (int from = 0; from < facts.size(); from += FactSink.MAX_FACTS_PER_WRITE) {
                int to = Math.min(facts.size(), from + FactSink.MAX_FACTS_PER_WRITE);
                memory.writeFacts(facts.subList(from, to));
                progress.update("facts", to, facts.size());
            }
            w.memory().embedMissing(memory, 256);
        }
    }

    /** A file name that keeps an id readable and can never leave the corpus folder. */
    static String safeName(String id) {
        String s = id.replaceAll("[^A-Za-z0-9._-]", "_");
        s = s.replaceAll("^\\.+", "_");
        return s.length() > 80 ? s.substring(0, 80) : s;
    }

    /** Stops the local memory servers of the data homes: they belong to this run, not to later commands. */
    @Override
    public void close() {
        // Setups import facts, and memory-augmented arms open memory, in any data home.
        wirings.values().forEach(DataHomes::stopMemory);
    }

    private static void stopMemory(Wiring w) {
        if (w.memory().localServer().status().isPresent()) {
            w.memory().localServer().stop(Duration.ofSeconds(30));
        }
    }
}
