package dev.noesis.app;

import dev.noesis.embeddings.BundledModel;
import dev.noesis.embeddings.DjlEmbedder;
import dev.noesis.embeddings.Embedders;
import dev.noesis.core.retrieval.Passage;
import dev.noesis.core.retrieval.RetrievalQuery;
import dev.noesis.core.retrieval.Retriever;
import dev.noesis.retrieval.index.IndexSettings;
import dev.noesis.retrieval.index.LuceneHybridIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Opens the retrieval parts the configuration names, with command-line flags taking precedence. */
public final class Retrieval {

    private final NoesisConfig config;

    public Retrieval(NoesisConfig config) {
        this.config = config;
    }

    /** The index folder: the flag, else {@code noesis.index.dir}, else {@code <home>/index}. */
    public Path indexDir(Optional<Path> flag) {
        return flag.map(p -> p.toAbsolutePath().normalize()).orElse(config.indexDir());
    }

    /**
     * The embedding model's name or folder: the flag, else {@code noesis.embeddings.model}, else the
     * model the index in {@code indexDir} was built with, else the default.
     */
    public String modelName(Optional<String> flag, Path indexDir) {
        return flag.or(config::embeddingsModel)
                .or(() -> LuceneHybridIndex.recordedEmbedder(indexDir).filter(m -> !m.equals("none")))
                .orElse(BundledModel.DEFAULT.modelName());
    }

    /** Loads the embedding model (bundled models are unpacked into the Noesis home the first time). */
    public DjlEmbedder embedder(String model, Optional<Integer> threadsFlag) {
        DjlEmbedder.Settings settings = DjlEmbedder.Settings.defaults();
        Optional<Integer> threads = threadsFlag.or(() -> {
            var t = config.embeddingsThreads();
            return t.isPresent() ? Optional.of(t.getAsInt()) : Optional.empty();
        });
        if (threads.isPresent()) {
            if (threads.get() < 1) {
                throw new dev.noesis.core.error.InvalidInputException("--embedding-threads must be at least 1, got " + threads.get() + ".");
            }
            settings = settings.withThreads(threads.get());
        }
        return Embedders.open(model, config.embeddingsCacheDir(), settings);
    }

    /**
     * The document index as modules see it, through the {@code Retriever} port: read-only (an
     * ingest may run beside it), hybrid when the index holds vectors. Empty when nothing was
     * ingested yet. Closing it closes its embedder too.
     */
    public Optional<Retriever> openDocuments() {
        Path dir = config.indexDir();
        Optional<String> recorded = LuceneHybridIndex.recordedEmbedder(dir);
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        DjlEmbedder embedder = recorded.get().equals("none") ? null : embedder(modelName(Optional.empty(), dir), Optional.empty());
        try {
            return Optional.of(new IndexWithEmbedder(LuceneHybridIndex.openReadOnly(dir, embedder, IndexSettings.DEFAULTS), embedder));
        } catch (RuntimeException e) {
            if (embedder != null) {
                embedder.close();
            }
            throw e;
        }
    }

    /** An index that owns the embedder it searches with. */
    private record IndexWithEmbedder(LuceneHybridIndex index, DjlEmbedder embedder) implements Retriever {
        @Override
        public String name() {
            return index.name();
        }

        @Override
        public List<Passage> retrieve(RetrievalQuery query) {
            return index.retrieve(query);
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

    public NoesisConfig config() {
        return config;
    }
}
