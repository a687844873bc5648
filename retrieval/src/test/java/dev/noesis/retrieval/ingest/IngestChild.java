package dev.noesis.retrieval.ingest;

import dev.noesis.embeddings.BundledModel;
import dev.noesis.embeddings.DjlEmbedder;
import dev.noesis.embeddings.Embedders;
import dev.noesis.retrieval.chunking.Chunker;
import dev.noesis.retrieval.index.IndexSettings;
import dev.noesis.retrieval.index.LuceneHybridIndex;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real ingest in its own JVM, for {@link IngestKillTest}: prints {@code COMMITTED <path>} for
 * each file once a commit has made it durable, and {@code DONE} at the end.
 * Arguments: index folder, model cache folder, files per commit, folder to ingest.
 */
public final class IngestChild {

    public static void main(String[] args) {
        Path index = Path.of(args[0]);
        Path cache = Path.of(args[1]);
        int commitEvery = Integer.parseInt(args[2]);
        Path docs = Path.of(args[3]);
        try (DjlEmbedder embedder =
                        Embedders.open(BundledModel.DEFAULT.modelName(), cache, new DjlEmbedder.Settings(1, 16));
                LuceneHybridIndex idx = LuceneHybridIndex.open(index, embedder, IndexSettings.DEFAULTS)) {
            System.out.println("STARTED");
            System.out.flush();
            new Ingestor(
                            idx,
                            Chunker.defaults(),
                            Ingestor.Settings.DEFAULTS.withCommitEvery(commitEvery, Duration.ofHours(1)))
                    .ingest(List.of(docs), new Ingestor.Listener() {
                        @Override
                        public void committed(List<Path> files) {
                            files.forEach(f -> System.out.println("COMMITTED " + f));
                            System.out.flush();
                        }
                    });
        }
        System.out.println("DONE");
    }
}
