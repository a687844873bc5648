package dev.noesis.benchmarks.beir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.noesis.benchmarks.Latencies;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.retrieval.index.FusionSettings;
import dev.noesis.retrieval.index.IndexSettings;
import dev.noesis.retrieval.index.LuceneHybridIndex;
import dev.noesis.retrieval.index.SearchMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BEIR reader and the measures, against examples computed by hand. */
class BeirDatasetTest {

    @TempDir
    Path dir;

    @Test
    void measuresMatchAHandComputedExample() {
        List<String> ranked = List.of("d3", "d1", "d7", "d2");
        Map<String, Integer> judged = Map.of("d1", 1, "d2", 2, "d5", 1, "d9", 0);
        // DCG@10 = 1/log2(3) + 2/log2(5) = 0.630930 + 0.861353 = 1.492283
        // IDCG@10 = 2/log2(2) + 1/log2(3) + 1/log2(4) = 2 + 0.630930 + 0.5 = 3.130930
        assertThat(RetrievalMetrics.ndcg(ranked, judged, 10)).isCloseTo(1.492283 / 3.130930, within(1e-6));
        // nDCG@2: DCG = 1/log2(3); IDCG = 2 + 1/log2(3)
        assertThat(RetrievalMetrics.ndcg(ranked, judged, 2)).isCloseTo(0.630930 / 2.630930, within(1e-6));
        assertThat(RetrievalMetrics.recall(ranked, judged, 100)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(RetrievalMetrics.recall(ranked, judged, 2)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(RetrievalMetrics.reciprocalRank(ranked, judged, 10)).isEqualTo(0.5);
        assertThat(RetrievalMetrics.reciprocalRank(ranked, judged, 1)).isZero();
        assertThat(RetrievalMetrics.ndcg(List.of(), judged, 10)).isZero();
        assertThat(RetrievalMetrics.ndcg(List.of("d2", "d1", "d5"), judged, 10)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void latencyPercentilesUseTheNearestRank() {
        long[] ms = new long[100];
        for (int i = 0; i < 100; i++) {
            ms[i] = (100 - i) * 1_000_000L; // 100 ms down to 1 ms
        }
        Latencies l = Latencies.ofNanos(ms);
        assertThat(l.p50Ms()).isEqualTo(50.0);
        assertThat(l.p99Ms()).isEqualTo(99.0);
        assertThat(l.meanMs()).isEqualTo(50.5);
        assertThat(Latencies.ofNanos(new long[] {7_000_000L}).p99Ms()).isEqualTo(7.0);
    }

    private void write(String corpus, String queries, String qrels) throws IOException {
        Files.writeString(dir.resolve("corpus.jsonl"), corpus);
        Files.writeString(dir.resolve("queries.jsonl"), queries);
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("qrels/test.tsv"), qrels);
    }

    @Test
    void readsTheFormatAndScoresARun() throws IOException {
        write("""
                {"_id": "d1", "title": "Boiling", "text": "Water boils at lower temperatures at altitude."}
                {"_id": "d2", "title": "Penguins", "text": "Penguins cannot fly but swim well."}

                {"_id": "d3", "title": "", "text": "The Eiffel Tower is in Paris."}
                """, """
                {"_id": "q1", "text": "why does water boil sooner in the mountains", "metadata": {}}
                {"_id": "q2", "text": "birds that swim"}
                {"_id": "q3", "text": "a query without judgments"}
                """, "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\nq2\td3\t0\nq9\td1\t1\n");
        BeirDataset data = BeirDataset.read(dir, "test");

        assertThat(data.queries()).containsOnlyKeys("q1", "q2");
        assertThat(data.qrels()).containsOnlyKeys("q1", "q2");
        assertThat(data.qrels().get("q2")).containsEntry("d3", 0);
        assertThat(data.corpusSize()).isEqualTo(3);
        List<BeirDocument> docs = new ArrayList<>();
        data.forEachDocument(docs::add);
        assertThat(docs)
                .containsExactly(
                        new BeirDocument("d1", "Boiling", "Water boils at lower temperatures at altitude."),
                        new BeirDocument("d2", "Penguins", "Penguins cannot fly but swim well."),
                        new BeirDocument("d3", "", "The Eiffel Tower is in Paris."));

        try (LuceneHybridIndex index = BeirEvaluation.prepareIndex(
                dir.resolve("cache"), data, null, IndexSettings.DEFAULTS, false, BeirEvaluation.Progress.NONE)) {
            BeirEvaluation.Result r = BeirEvaluation.evaluate(
                    index, data, SearchMode.BM25, FusionSettings.DEFAULTS, BeirEvaluation.Progress.NONE);
            assertThat(r.queries()).isEqualTo(2);
            assertThat(r.ndcg10()).isEqualTo(1.0);
            assertThat(r.recall100()).isEqualTo(1.0);
            assertThat(r.mrr10()).isEqualTo(1.0);
            assertThat(r.latency().count()).isEqualTo(2);
        }
        // A second run finds the complete index and reuses it.
        try (LuceneHybridIndex again = BeirEvaluation.prepareIndex(
                dir.resolve("cache"), data, null, IndexSettings.DEFAULTS, false, (phase, done, total) -> {
                    throw new AssertionError("rebuilt");
                })) {
            assertThat(again.stats().documents()).isEqualTo(3);
        }
    }

    @Test
    void problemsNameTheFileAndLine() throws IOException {
        assertThatThrownBy(() -> BeirDataset.read(dir, "test"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("corpus.jsonl")
                .hasMessageContaining("qrels/<split>.tsv");
        write("{\"_id\": \"d1\", \"text\": \"x\"}\n", "{\"_id\": \"q1\", \"text\": \"x\"}\n{not json\n", "q1\td1\t1\n");
        assertThatThrownBy(() -> BeirDataset.read(dir, "test")).hasMessageContaining("queries.jsonl:2");
        write("{\"_id\": \"d1\", \"text\": \"x\"}\n", "{\"_id\": \"q1\", \"text\": \"x\"}\n", "q1\td1\tyes\n");
        assertThatThrownBy(() -> BeirDataset.read(dir, "test"))
                .hasMessageContaining("test.tsv:1")
                .hasMessageContaining("'yes'");
        write("{\"_id\": \"d1\", \"text\": \"x\"}\n", "{\"_id\": \"q1\"}\n", "q1\td1\t1\n");
        assertThatThrownBy(() -> BeirDataset.read(dir, "test"))
                .hasMessageContaining("queries.jsonl:1")
                .hasMessageContaining("\"text\"");
        assertThatThrownBy(() -> BeirDataset.read(dir, "../x")).hasMessageContaining("plain name");
    }
}
