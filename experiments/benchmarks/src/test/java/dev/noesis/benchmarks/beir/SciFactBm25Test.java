package dev.noesis.benchmarks.beir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.noesis.benchmarks.SharedData;
import dev.noesis.retrieval.index.FusionSettings;
import dev.noesis.retrieval.index.IndexSettings;
import dev.noesis.retrieval.index.LuceneHybridIndex;
import dev.noesis.retrieval.index.SearchMode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BM25 on BEIR SciFact reproduces the published Anserini "BM25 flat" figures (nDCG@10 0.679,
 * Recall@100 0.925): Lucene BM25 with k1 = 0.9, b = 0.4, title and text in one field, English analyzer.
 */
class SciFactBm25Test {

    @TempDir
    Path cache;

    @Test
    void bm25MatchesThePublishedFigure() {
        BeirDataset data = BeirDataset.read(SharedData.sciFact(), "test");
        assertThat(data.queries()).hasSize(300);
        try (LuceneHybridIndex index = BeirEvaluation.prepareIndex(
                cache, data, null, IndexSettings.DEFAULTS, false, BeirEvaluation.Progress.NONE)) {
            assertThat(index.stats().documents()).isEqualTo(5183);
            BeirEvaluation.Result r = BeirEvaluation.evaluate(
                    index, data, SearchMode.BM25, FusionSettings.DEFAULTS, BeirEvaluation.Progress.NONE);
            System.out.printf(
                    "SciFact BM25: nDCG@10 %.4f, Recall@100 %.4f, MRR@10 %.4f, p50 %.2f ms%n",
                    r.ndcg10(), r.recall100(), r.mrr10(), r.latency().p50Ms());
            assertThat(r.ndcg10()).isCloseTo(0.679, within(0.005));
            assertThat(r.recall100()).isCloseTo(0.925, within(0.005));
        }
    }
}
