package dev.noesis.wiring;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.Remedy;
import dev.noesis.core.retrieval.Passage;
import dev.noesis.core.retrieval.RetrievalQuery;
import dev.noesis.core.retrieval.Retriever;
import dev.noesis.embeddings.BundledModel;
import dev.noesis.embeddings.DjlEmbedder;
import dev.noesis.embeddings.Embedders;
import dev.noesis.retrieval.chunking.Chunker;
import dev.noesis.retrieval.index.IndexEmbedding;
import dev.noesis.retrieval.index.IndexSettings;
import dev.noesis.retrieval.index.IndexStats;
import dev.noesis.retrieval.index.LuceneHybridIndex;
import dev.noesis.retrieval.index.SearchMode;
import dev.noesis.retrieval.ingest.Ingestor;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The document index as the configuration names it ({@code noesis.index.dir}, the embedding model
 * and its threads), and the work done on it: ingesting files, searching, and the read-only view
 * thinking modules retrieve from. Every entry point goes through here.
 */
public final class Documents {

    private final NoesisConfig config;

    public Documents(NoesisConfig config) {
        this.config = config;
    }

    /** The index folder: {@code noesis.index.dir}, else {@code <home>/index}. */
    public Path indexDir() {
        return config.indexDir();
    }

    /**
     * The embedding model's name or folder: {@code noesis.embeddings.model}, else the model the index
     * was built with, else the default.
     */
    public String embeddingModel() {
        return config.embeddings()
                .model()
                .or(() -> LuceneHybridIndex.recordedEmbedding(indexDir()).flatMap(IndexEmbedding::model))
                .orElse(BundledModel.DEFAULT.modelName());
    }

    /** The embedding model the configuration names, else the default: what memory and new collections use. */
    public String configuredEmbeddingModel() {
        return config.embeddings().model().orElse(BundledModel.DEFAULT.modelName());
    }

    /** Loads an embedding model (bundled models are unpacked into the Noesis home the first time). */
    public DjlEmbedder embedder(String model) {
        DjlEmbedder.Settings settings = DjlEmbedder.Settings.defaults();
        if (config.embeddings().threads().isPresent()) {
            settings = settings.withThreads(config.embeddings().threads().get());
        }
        return Embedders.open(model, config.embeddingsCacheDir(), settings);
    }

    /**
     * Adds files and folders to the index, creating it if needed, with the configured embedding
     * model. Work is committed as it goes (see {@link Ingestor}).
     */
    public Ingestion ingest(List<Path> paths, Ingestor.Settings settings, Ingestor.Listener listener) {
        Path dir = indexDir();
        try (DjlEmbedder embedder = embedder(embeddingModel());
                LuceneHybridIndex index = LuceneHybridIndex.open(dir, embedder, IndexSettings.DEFAULTS)) {
            Ingestor.Report report = new Ingestor(index, Chunker.defaults(), settings).ingest(paths, listener);
            return new Ingestion(dir, report, index.stats());
        }
    }

    /** What an ingest did, and the index after it. */
    public record Ingestion(Path indexDir, Ingestor.Report report, IndexStats stats) {}

    /**
     * Takes files, and every file under folders, out of the index, whether or not they still
     * exist (see {@link Ingestor#remove}); committed when it returns. No embedding model is loaded.
     */
    public Removal remove(List<Path> paths) {
        Path dir = indexDir();
        try (LuceneHybridIndex index = LuceneHybridIndex.openToRemove(dir, IndexSettings.DEFAULTS)) {
            Ingestor.Removal removal =
                    new Ingestor(index, Chunker.defaults(), Ingestor.Settings.DEFAULTS).remove(paths);
            return new Removal(dir, removal, index.stats());
        }
    }

    /** What a removal did, and the index after it. */
    public record Removal(Path indexDir, Ingestor.Removal report, IndexStats stats) {}

    /**
     * Opens the index read-only (an ingest may run beside it), with the embedding model loaded only
     * when {@code mode} needs it; empty mode: hybrid, or words only for an index built without
     * embeddings. Fails when nothing was ingested there yet.
     */
    public OpenIndex openSearch(Optional<SearchMode> mode) {
        Path dir = indexDir();
        IndexEmbedding recorded = LuceneHybridIndex.recordedEmbedding(dir)
                .orElseThrow(() -> new InvalidInputException(
                        "There is no index at " + dir + ".",
                        Remedy.of(Remedy.Action.INGEST_DOCUMENTS, dir.toString())));
        return open(dir, mode.orElse(recorded.fullestMode()));
    }

    /**
     * The document index as modules see it, through the {@code Retriever} port: read-only, hybrid
     * when the index holds vectors. Empty when nothing was ingested yet.
     */
    public Optional<Retriever> openRetriever() {
        Path dir = indexDir();
        return LuceneHybridIndex.recordedEmbedding(dir).map(recorded -> open(dir, recorded.fullestMode()));
    }

    private OpenIndex open(Path dir, SearchMode mode) {
        DjlEmbedder embedder = mode.needsEmbeddings() ? embedder(embeddingModel()) : null;
        try {
            return new OpenIndex(LuceneHybridIndex.openReadOnly(dir, embedder, IndexSettings.DEFAULTS), embedder, mode);
        } catch (RuntimeException e) {
            if (embedder != null) {
                embedder.close();
            }
            throw e;
        }
    }

    /** A read-only index with the embedder it searches with, if its mode needs one; closing it closes both. */
    public static final class OpenIndex implements Retriever {
        private final LuceneHybridIndex index;
        private final DjlEmbedder embedder;
        private final SearchMode mode;

        private OpenIndex(LuceneHybridIndex index, DjlEmbedder embedder, SearchMode mode) {
            this.index = index;
            this.embedder = embedder;
            this.mode = mode;
        }

        @Override
        public String name() {
            return index.name();
        }

        public SearchMode mode() {
            return mode;
        }

        @Override
        public List<Passage> retrieve(RetrievalQuery query) {
            return index.search(query, mode);
        }

        @Override
        public void close() {
            try {
                index.close();
            } finally {
                if (embedder != null) {
                    embedder.close();
                }
            }
        }
    }
}
