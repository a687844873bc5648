package dev.noesis.cli.command;

import dev.noesis.benchmarks.beir.BeirDataset;
import dev.noesis.benchmarks.beir.BeirEvaluation;
import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.cli.terminal.ProgressBars;
import dev.noesis.embeddings.DjlEmbedder;
import dev.noesis.retrieval.index.FusionSettings;
import dev.noesis.retrieval.index.IndexSettings;
import dev.noesis.retrieval.index.LuceneHybridIndex;
import dev.noesis.retrieval.index.SearchMode;
import dev.noesis.wiring.Documents;
import dev.noesis.wiring.Wiring;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code noesis eval retrieval --beir DIR}: nDCG@10, Recall@100, MRR@10 and latency on a BEIR collection. */
@Command(
        name = "retrieval",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Index a BEIR collection (corpus.jsonl, queries.jsonl, qrels/<split>.tsv), run its judged queries and"
                    + " print nDCG@10, Recall@100, MRR@10 and query latency (p50/p99, query embedding included), the way the"
                    + " published BEIR baselines are computed: one passage per document (title and text), 100 results per query.",
            "The index is kept under ~/.noesis/work/beir and reused by later runs on the same corpus and model."
        })
public final class EvalRetrievalCommand implements Callable<Integer> {

    @Option(names = "--beir", paramLabel = "DIR", required = true, description = "The BEIR collection's folder.")
    Path beir;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "hybrid",
            description = "bm25, dense, hybrid, or all (the three, on one index). Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(
            names = "--split",
            paramLabel = "NAME",
            defaultValue = "test",
            description = "The qrels split. Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--reindex", description = "Build the index again even if an earlier run left a complete one.")
    boolean reindex;

    @Mixin
    FusionOptions fusion;

    @Option(
            names = "--embedding-model",
            paramLabel = "NAME|DIR",
            description =
                    "The embedding model for dense and hybrid. Default: noesis.embeddings.model, else bge-small-en-v1.5-q.")
    String embeddingModel;

    @Option(names = "--embedding-threads", paramLabel = "N", description = "Threads for the embedding model.")
    Integer embeddingThreads;

    private final CliContext env;

    private void embeddingFlags(Map<String, String> keys) {
        if (embeddingModel != null) {
            keys.put("noesis.embeddings.model", embeddingModel);
        }
        if (embeddingThreads != null) {
            keys.put("noesis.embeddings.threads", embeddingThreads.toString());
        }
    }

    public EvalRetrievalCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        List<SearchMode> modes =
                mode.strip().equalsIgnoreCase("all") ? List.of(SearchMode.values()) : List.of(SearchMode.parse(mode));
        FusionSettings fusionSettings = fusion.settings();
        BeirDataset data = BeirDataset.read(beir.toAbsolutePath().normalize(), split);
        Wiring wiring = env.wiring(this::embeddingFlags);
        Documents collection = wiring.documents();
        boolean dense = modes.stream().anyMatch(SearchMode::needsEmbeddings);
        Path cache = wiring.config().workDir().resolve("beir");
        List<BeirEvaluation.Result> results = new ArrayList<>();
        String model;
        long documents;
        DjlEmbedder embedder = null;
        try (ProgressBars.Counter bar = ProgressBars.count(env.err())) {
            if (dense) {
                embedder = collection.embedder(collection.configuredEmbeddingModel());
            }
            try (LuceneHybridIndex index =
                    BeirEvaluation.prepareIndex(cache, data, embedder, IndexSettings.DEFAULTS, reindex, bar::update)) {
                documents = index.stats().documents();
                model = index.embedding().label();
                for (SearchMode m : modes) {
                    results.add(BeirEvaluation.evaluate(index, data, m, fusionSettings, bar::update));
                }
            }
        } finally {
            if (embedder != null) {
                embedder.close();
            }
        }
        PrintStream out = env.out();
        out.printf(
                Locale.ROOT,
                "BEIR %s, split %s: %d queries, %,d documents; BM25 k1=%.1f b=%.1f (%s analyzer); embeddings: %s",
                data.name(),
                split,
                results.getFirst().queries(),
                documents,
                IndexSettings.DEFAULTS.k1(),
                IndexSettings.DEFAULTS.b(),
                IndexSettings.DEFAULTS.analyzer(),
                model);
        if (modes.contains(SearchMode.HYBRID)) {
            out.printf(
                    Locale.ROOT,
                    "; RRF k=%.0f, weights bm25 %.2f / dense %.2f, %d candidates",
                    fusionSettings.k(),
                    fusionSettings.bm25Weight(),
                    fusionSettings.denseWeight(),
                    fusionSettings.candidates());
        }
        out.println();
        out.println("mode     nDCG@10  Recall@100  MRR@10   p50 ms   p99 ms");
        for (BeirEvaluation.Result r : results) {
            out.printf(
                    Locale.ROOT,
                    "%-8s %7.4f  %10.4f  %6.4f  %7.2f  %7.2f%n",
                    r.mode().label(),
                    r.ndcg10(),
                    r.recall100(),
                    r.mrr10(),
                    r.latency().p50Ms(),
                    r.latency().p99Ms());
        }
        return ExitCodes.OK;
    }
}
