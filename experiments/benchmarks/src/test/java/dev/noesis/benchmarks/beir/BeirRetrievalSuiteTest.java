package dev.noesis.benchmarks.beir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.benchmarks.SharedData;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.experiments.log.Extraction;
import dev.noesis.experiments.run.ExperimentPlan;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import dev.noesis.experiments.suite.RetrievalSuite;
import dev.noesis.experiments.suite.SuiteItem;
import dev.noesis.experiments.suite.catalog.Suites;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BEIR SciFact as a suite of the harness: its queries are items, and a ranking is scored as trec_eval does. */
class BeirRetrievalSuiteTest {

    @Test
    void everyJudgedQueryIsAnItemWithItsRelevantDocumentsAsGold() {
        BeirRetrievalSuite suite = new BeirRetrievalSuite(SharedData.sciFact());
        BeirDataset data = BeirDataset.read(SharedData.sciFact(), "test");

        assertThat(suite.items()).hasSize(data.queries().size());
        SuiteItem first = suite.items().getFirst();
        Map.Entry<String, String> query = data.queries().entrySet().iterator().next();
        assertThat(first.id()).isEqualTo(query.getKey());
        assertThat(first.question()).isEqualTo(query.getValue());
        assertThat(first.gold())
                .containsExactlyInAnyOrderElementsOf(
                        data.qrels().get(query.getKey()).keySet());
        assertThat(suite.metrics()).first().isEqualTo(BeirRetrievalSuite.NDCG_10);
        assertThat(suite.configs()).containsExactly("bm25", "dense", "hybrid");
        assertThat(suite.baselineConfig()).isEqualTo("bm25");
    }

    @Test
    void aRankingIsScoredAsTheEvaluationOfEvalRetrievalScoresIt() {
        BeirRetrievalSuite suite = new BeirRetrievalSuite(SharedData.sciFact());
        BeirDataset data = BeirDataset.read(SharedData.sciFact(), "test");
        SuiteItem item = suite.items().get(3);
        Map<String, Integer> judged = data.qrels().get(item.id());
        // Nine documents judged irrelevant (absent from the judgments), then the relevant ones.
        List<String> ranked = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            ranked.add("not-relevant-" + i);
        }
        ranked.addAll(item.gold());

        Extraction extracted = suite.extract(RetrievalSuite.output(ranked));
        assertThat(extracted.rule()).isEqualTo(BeirRetrievalSuite.RULE);
        Map<String, Double> scores = suite.score(item, extracted);

        assertThat(scores.get(BeirRetrievalSuite.NDCG_10)).isEqualTo(RetrievalMetrics.ndcg(ranked, judged, 10));
        assertThat(scores.get(BeirRetrievalSuite.NDCG_10)).isBetween(0.0, 1.0).isNotIn(0.0, 1.0);
        assertThat(scores.get(BeirRetrievalSuite.RECALL_100)).isEqualTo(1.0);
        assertThat(scores.get(BeirRetrievalSuite.RECALL_10))
                .isEqualTo(RetrievalMetrics.recall(ranked, judged, 10))
                .isLessThanOrEqualTo(1.0 / item.gold().size() + 1e-12);
        assertThat(scores.get(BeirRetrievalSuite.MRR_10)).isEqualTo(0.1);

        Map<String, Double> perfect = suite.score(item, suite.extract(RetrievalSuite.output(item.gold())));
        assertThat(perfect.get(BeirRetrievalSuite.NDCG_10)).isEqualTo(1.0);
        assertThat(perfect.get(BeirRetrievalSuite.MRR_10)).isEqualTo(1.0);
    }

    @Test
    void anEmptyOutputIsNoExtractionAndScoresZero() {
        BeirRetrievalSuite suite = new BeirRetrievalSuite(SharedData.sciFact());
        Extraction none = suite.extract("\n  \n");
        assertThat(none.found()).isFalse();
        assertThat(none.rule()).isEqualTo("none");
        assertThat(suite.score(suite.items().getFirst(), none).values()).containsOnly(0.0);
    }

    @Test
    void theCatalogueListsItAndAnExperimentOfPipelinesOnItIsRefused() {
        Suites suites = new Suites(SharedData.root(), List.of(BeirRetrievalSuite.entry()));
        assertThat(suites.names()).contains(BeirRetrievalSuite.NAME, "gsm8k");
        assertThat(suites.list()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo(BeirRetrievalSuite.NAME);
            assertThat(s.items()).hasValue(300);
            assertThat(s.metrics()).contains(BeirRetrievalSuite.RECALL_100);
        });

        RetrievalSuite suite = (RetrievalSuite) suites.resolve(BeirRetrievalSuite.NAME);
        ExperimentSpec rawOnIt = ExperimentSpec.builder()
                .suites(List.of(BeirRetrievalSuite.NAME))
                .pipelines(List.of("raw", "rag"))
                .models(List.of("m"))
                .build();
        assertThatThrownBy(() -> ExperimentPlan.of(rawOnIt, Map.of(BeirRetrievalSuite.NAME, suite)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'raw' is not one")
                .hasMessageContaining("bm25, dense, hybrid");

        ExperimentSpec modes = ExperimentSpec.builder()
                .suites(List.of(BeirRetrievalSuite.NAME))
                .pipelines(List.of("bm25", "hybrid"))
                .baseline("bm25")
                .models(List.of("m"))
                .limit(20)
                .build();
        ExperimentPlan plan = ExperimentPlan.of(modes, Map.of(BeirRetrievalSuite.NAME, suite));
        assertThat(plan.arms()).hasSize(2);
        assertThat(plan.items(BeirRetrievalSuite.NAME)).hasSize(20);
    }
}
