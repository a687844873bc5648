package dev.noesis.benchmarks.beir;

import dev.noesis.experiments.log.Extraction;
import dev.noesis.experiments.suite.RetrievalSuite;
import dev.noesis.experiments.suite.SuiteItem;
import dev.noesis.experiments.suite.SuiteSetup;
import dev.noesis.experiments.suite.catalog.Suites;
import dev.noesis.retrieval.index.SearchMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BEIR collection as a suite of the experiment harness: every judged query of the split is an item
 * (its gold answers the documents judged relevant), an arm is a search mode over one index of the
 * whole corpus, and each ranking is scored per query with nDCG@10, Recall@10, Recall@100 and MRR@10,
 * computed as {@link BeirEvaluation} does for {@code noesis eval retrieval}, so that the harness's
 * paired statistics compare modes query by query. The collection is read when its items are first
 * asked for.
 */
public final class BeirRetrievalSuite implements RetrievalSuite {

    public static final String NAME = "beir-retrieval";
    /** The collection under the data root: BEIR's SciFact. */
    public static final String FOLDER = "beir-scifact";

    public static final String SPLIT = "test";
    public static final String NDCG_10 = "ndcg@10";
    public static final String RECALL_10 = "recall@10";
    public static final String RECALL_100 = "recall@100";
    public static final String MRR_10 = "mrr@10";
    public static final List<String> METRICS = List.of(NDCG_10, RECALL_10, RECALL_100, MRR_10);
    /** The rule that reads a ranking: the output's ids, one per line, best first. */
    public static final String RULE = "ranked-ids";

    private final Path dir;
    private final String split;
    private volatile BeirDataset data;
    private volatile List<SuiteItem> items;

    /** @param dir the BEIR collection's folder; the {@value #SPLIT} split's judgments are used */
    public BeirRetrievalSuite(Path dir) {
        this(dir, SPLIT);
    }

    public BeirRetrievalSuite(Path dir, String split) {
        this.dir = dir;
        this.split = split;
    }

    /** The catalogue's entry for this suite over the data root's {@value #FOLDER}. */
    public static Suites.Entry entry() {
        return new Suites.Entry(NAME, FOLDER, "index", METRICS, List.of(), BeirRetrievalSuite::new);
    }

    /** The collection (read on first use). */
    public BeirDataset dataset() {
        BeirDataset d = data;
        if (d == null) {
            synchronized (this) {
                if (data == null) {
                    data = BeirDataset.read(dir, split);
                }
                d = data;
            }
        }
        return d;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "BEIR " + dir.getFileName() + " (" + split + "): each search mode ranks " + BeirEvaluation.DEPTH
                + " documents per query over the whole corpus";
    }

    @Override
    public List<String> metrics() {
        return METRICS;
    }

    @Override
    public List<SuiteItem> items() {
        List<SuiteItem> read = items;
        if (read == null) {
            synchronized (this) {
                if (items == null) {
                    List<SuiteItem> out = new ArrayList<>();
                    BeirDataset d = dataset();
                    d.queries().forEach((id, text) -> {
                        List<String> relevant = d.qrels().get(id).entrySet().stream()
                                .filter(e -> e.getValue() > 0)
                                .map(Map.Entry::getKey)
                                .toList();
                        if (!relevant.isEmpty()) {
                            out.add(new SuiteItem(id, text, relevant, null, Map.of()));
                        }
                    });
                    items = List.copyOf(out);
                }
                read = items;
            }
        }
        return read;
    }

    /** The index is the arms' to build (one passage per document, as the BEIR baselines do), not a data home's. */
    @Override
    public SuiteSetup setup() {
        return SuiteSetup.NONE;
    }

    @Override
    public String instructions() {
        return "";
    }

    @Override
    public List<String> configs() {
        return Arrays.stream(SearchMode.values()).map(SearchMode::label).toList();
    }

    @Override
    public String baselineConfig() {
        return SearchMode.BM25.label();
    }

    @Override
    public int depth() {
        return BeirEvaluation.DEPTH;
    }

    /** The ids of the output, one per line (blank lines skipped); none when it has no id. */
    @Override
    public Extraction extract(String output) {
        List<String> ids = ranking(output);
        return new Extraction(ids.isEmpty() ? null : String.join("\n", ids), ids.isEmpty() ? "none" : RULE);
    }

    @Override
    public Map<String, Double> score(SuiteItem item, Extraction extracted) {
        Map<String, Integer> judged = dataset().qrels().get(item.id());
        if (judged == null) {
            throw new IllegalArgumentException("the query '" + item.id() + "' has no judgments in " + dir);
        }
        List<String> ranked = extracted.found()
                ? ranking(extracted.answer()).stream().distinct().toList()
                : List.of();
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put(NDCG_10, RetrievalMetrics.ndcg(ranked, judged, 10));
        scores.put(RECALL_10, RetrievalMetrics.recall(ranked, judged, 10));
        scores.put(RECALL_100, RetrievalMetrics.recall(ranked, judged, 100));
        scores.put(MRR_10, RetrievalMetrics.reciprocalRank(ranked, judged, 10));
        return scores;
    }

    private static List<String> ranking(String text) {
        if (text == null) {
            return List.of();
        }
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
