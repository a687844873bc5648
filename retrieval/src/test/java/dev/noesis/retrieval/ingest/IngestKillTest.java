package dev.noesis.retrieval.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.retrieval.Passage;
import dev.noesis.core.retrieval.RetrievalQuery;
import dev.noesis.embeddings.DjlEmbedder;
import dev.noesis.retrieval.TestModels;
import dev.noesis.retrieval.chunking.Chunker;
import dev.noesis.retrieval.index.IndexSettings;
import dev.noesis.retrieval.index.LuceneHybridIndex;
import dev.noesis.retrieval.index.SearchMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability: an ingest killed with SIGKILL in the middle loses nothing it committed, the index
 * opens afterwards, and running the ingest again completes it without duplicates.
 */
class IngestKillTest {

    private static final int FILES = 200;
    private static final int COMMIT_EVERY = 10;

    @TempDir
    Path work;

    private static String word(int i) {
        // A made-up word per file, so that a search can find exactly that file.
        StringBuilder s = new StringBuilder("zq");
        for (int n = i; n > 0 || s.length() < 5; n /= 26) {
            s.append((char) ('a' + n % 26));
        }
        return s.toString();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aKilledIngestKeepsItsCommitsAndResumesWithoutDuplicates() throws Exception {
        Path docs = Files.createDirectories(work.resolve("docs"));
        for (int i = 0; i < FILES; i++) {
            Files.writeString(
                    docs.resolve(String.format("note-%03d.md", i)),
                    "# Note " + i + "\n\nThis note is about " + word(i) + ", a creature observed on expedition " + i
                            + ". It eats moss and sleeps in caves during winter.\n");
        }
        Path indexDir = work.resolve("index");
        TestModels.cache(); // extracted by the child on first use

        Process child = startChild(indexDir, docs);
        List<Path> committed = new ArrayList<>();
        boolean done = false;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("COMMITTED ")) {
                    committed.add(Path.of(line.substring("COMMITTED ".length())));
                    if (committed.size() >= 2 * COMMIT_EVERY) {
                        // SIGKILL: no shutdown hooks, no closing of the index; pending writes are lost.
                        child.destroyForcibly();
                        break;
                    }
                } else if (line.equals("DONE")) {
                    done = true;
                }
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(done).as("the child was killed before it finished").isFalse();
        assertThat(child.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
        assertThat(committed).hasSize(2 * COMMIT_EVERY);

        try (DjlEmbedder embedder = TestModels.open();
                LuceneHybridIndex index = LuceneHybridIndex.open(indexDir, embedder, IndexSettings.DEFAULTS)) {
            long before = index.stats().documents();
            assertThat(before).isBetween((long) committed.size(), (long) FILES - 1);
            for (Path file : committed) {
                int i = Integer.parseInt(file.getFileName().toString().replaceAll("\\D", ""));
                List<Passage> hits = index.search(RetrievalQuery.of(word(i), 5), SearchMode.BM25);
                assertThat(hits)
                        .as("committed " + file)
                        .singleElement()
                        .satisfies(p -> assertThat(p.documentId()).isEqualTo(file.toString()));
            }

            Ingestor.Report rerun = new Ingestor(index, Chunker.defaults(), Ingestor.Settings.DEFAULTS)
                    .ingest(List.of(docs), new Ingestor.Listener() {});
            assertThat(rerun.unchanged()).isEqualTo(before);
            assertThat(rerun.added()).isEqualTo(FILES - before);
            assertThat(rerun.failed()).isEmpty();

            assertThat(index.stats().documents()).isEqualTo(FILES);
            assertThat(index.stats().chunks()).isEqualTo(FILES);
            for (int i = 0; i < FILES; i += 37) {
                assertThat(index.search(RetrievalQuery.of(word(i), 5), SearchMode.BM25))
                        .as(word(i))
                        .hasSize(1);
            }
        }
    }

    private static Process startChild(Path indexDir, Path docs) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "--add-modules",
                "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED",
                "-Dai.djl.offline=true",
                "-DOPT_OUT_TRACKING=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                "-Xmx512m",
                "-cp",
                classPath,
                IngestChild.class.getName(),
                indexDir.toString(),
                TestModels.cache().toString(),
                Integer.toString(COMMIT_EVERY),
                docs.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("OPT_OUT_TRACKING", "true");
        return pb.start();
    }
}
