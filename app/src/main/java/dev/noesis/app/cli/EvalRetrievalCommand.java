package dev.noesis.app.cli;

import dev.noesis.app.Noesis;
import dev.noesis.app.Retrieval;
import dev.noesis.embeddings.DjlEmbedder;
import dev.noesis.retrieval.beir.BeirDataset;
import dev.noesis.retrieval.beir.BeirEvaluation;
import dev.noesis.retrieval.index.FusionSettings;
import dev.noesis.retrieval.index.IndexSettings;
import dev.noesis.retrieval.index.LuceneHybridIndex;
import dev.noesis.retrieval.index.SearchMode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code noesis eval retrieval --beir DIR}: nDCG@10, Recall@100, MRR@10 and latency on a BEIR collection. */
@Command(name = "retrieval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Index a BEIR collection (corpus.jsonl, queries.jsonl, qrels/<split>.tsv), run its judged queries and"
                + " print nDCG@10, Recall@100, MRR@10 and query latency (p50/p99, query embedding included), the way the"
                + " published BEIR baselines are computed: one passage per document (title and text), 100 results per query.",
            "The index is kept under ~/.noesis/work/beir and reused by later runs on the same corpus and model."})
public final class EvalRetrievalCommand implements Callable<Integer> {

    @Option(names = "--beir", paramLabel = "DIR", required = true, description = "The BEIR collection's folder.")
    Path beir;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "hybrid",
            description = "bm25, dense, hybrid, or all (the three, on one index). Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--split", paramLabel = "NAME", defaultValue = "test", description = "The qrels split. Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--reindex", description = "Build the index again even if an earlier run left a complete one.")
    boolean reindex;

    @Mixin
    FusionOptions fusion;

    @Option(names = "--embedding-model", paramLabel = "NAME|DIR",
            description = "The embedding model for dense and hybrid. Default: noesis.embeddings.model, else bge-small-en-v1.5-q.")
    String embeddingModel;

    @Option(names = "--embedding-threads", paramLabel = "N", description = "Threads for the embedding model.")
    Integer embeddingThreads;

    private final Noesis.Env env;

    public EvalRetrievalCommand(Noesis.Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        List<SearchMode> modes = mode.strip().equalsIgnoreCase("all") ? List.of(SearchMode.values()) : List.of(SearchMode.parse(mode));
        FusionSettings fusionSettings = fusion.settings();
        BeirDataset data = BeirDataset.read(beir.toAbsolutePath().normalize(), split);
        Retrieval setup = new Retrieval(env.config().get());
        boolean dense = modes.stream().anyMatch(SearchMode::needsEmbeddings);
        Path cache = setup.config().workDir().resolve("beir");
        List<BeirEvaluation.Result> results = new ArrayList<>();
        String model = "none";
        long documents;
        DjlEmbedder embedder = null;
        try (Progress.Counter bar = Progress.count(env.err())) {
            if (dense) {
                embedder = setup.embedder(java.util.Optional.ofNullable(embeddingModel).or(setup.config()::embeddingsModel)
                        .orElse(dev.noesis.embeddings.BundledModel.DEFAULT.modelName()), java.util.Optional.ofNullable(embeddingThreads));
                model = embedder.name();
            }
            try (LuceneHybridIndex index = BeirEvaluation.prepareIndex(cache, data, embedder, IndexSettings.DEFAULTS, reindex, bar::update)) {
                documents = index.stats().documents();
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
        out.printf(Locale.ROOT, "BEIR %s, split %s: %d queries, %,d documents; BM25 k1=%.1f b=%.1f (%s analyzer); embeddings: %s",
                data.name(), split, results.getFirst().queries(), documents, IndexSettings.DEFAULTS.k1(), IndexSettings.DEFAULTS.b(),
                IndexSettings.DEFAULTS.analyzer(), model);
        if (modes.contains(SearchMode.HYBRID)) {
            out.printf(Locale.ROOT, "; RRF k=%.0f, weights bm25 %.2f / dense %.2f, %d candidates", fusionSettings.k(),
                    fusionSettings.bm25Weight(), fusionSettings.denseWeight(), fusionSettings.candidates());
        }
        out.println();
        out.println("mode     nDCG@10  Recall@100  MRR@10   p50 ms   p99 ms");
        for (BeirEvaluation.Result r : results) {
            out.printf(Locale.ROOT, "%-8s %7.4f  %10.4f  %6.4f  %7.2f  %7.2f%n", r.mode().label(), r.ndcg10(), r.recall100(), r.mrr10(),
                    r.latency().p50Ms(), r.latency().p99Ms());
        }
        return Noesis.OK;
    }
}
