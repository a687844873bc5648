package dev.noesis.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.retrieval.Retriever;
import dev.noesis.retrieval.ingest.Ingestor;
import dev.noesis.testing.RetrieverContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retriever contract for what modules retrieve from: the documents written as files, ingested
 * with their tags the way {@code ingest} does it, and opened read-only ({@link Documents#openRetriever()}).
 */
class DocumentsRetrieverTest extends RetrieverContract {

    @TempDir
    static Path home;

    private int made;

    @Override
    protected Retriever retrieverOver(List<Document> documents) throws IOException {
        int n = made++;
        Path folder = Files.createDirectories(home.resolve("corpus-" + n));
        Properties system = new Properties();
        system.setProperty("user.home", home.toString());
        Documents index = new Documents(NoesisConfig.load(
                Map.of("NOESIS_HOME", home.toString()),
                system,
                Map.of("noesis.index.dir", home.resolve("index-" + n).toString())));
        // An ingest tags every file of the run alike, so files are ingested in groups of the same tags.
        Map<List<String>, List<Path>> byTags = new LinkedHashMap<>();
        for (Document d : documents) {
            byTags.computeIfAbsent(d.tags(), t -> new ArrayList<>())
                    .add(Files.writeString(folder.resolve(d.id() + ".txt"), d.text()));
        }
        if (byTags.isEmpty()) {
            byTags.put(List.of(), List.of(folder));
        }
        byTags.forEach((tags, files) -> {
            Documents.Ingestion done =
                    index.ingest(files, Ingestor.Settings.DEFAULTS.withTags(tags), new Ingestor.Listener() {});
            assertThat(done.report().failed()).isEmpty();
            assertThat(done.report().added()).isEqualTo(documents.isEmpty() ? 0 : files.size());
        });
        return index.openRetriever().orElseThrow();
    }
}
