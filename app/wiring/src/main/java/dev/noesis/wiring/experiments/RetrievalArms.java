package dev.noesis.wiring.experiments;

import dev.noesis.benchmarks.beir.BeirEvaluation;
import dev.noesis.benchmarks.beir.BeirRetrievalSuite;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.embeddings.DjlEmbedder;
import dev.noesis.experiments.log.CanonicalJson;
import dev.noesis.experiments.log.ModelIdentity;
import dev.noesis.experiments.log.Usage;
import dev.noesis.experiments.run.Arm;
import dev.noesis.experiments.run.ArmAnswer;
import dev.noesis.experiments.run.ArmFactory;
import dev.noesis.experiments.run.ArmSpec;
import dev.noesis.experiments.run.PreparedSetup;
import dev.noesis.experiments.suite.RetrievalSuite;
import dev.noesis.experiments.suite.Suite;
import dev.noesis.retrieval.index.FusionSettings;
import dev.noesis.retrieval.index.IndexSettings;
import dev.noesis.retrieval.index.LuceneHybridIndex;
import dev.noesis.retrieval.index.SearchMode;
import dev.noesis.wiring.Documents;
import dev.noesis.wiring.Wiring;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The arms of a retrieval experiment ({@link BeirRetrievalSuite}): each arm is a search mode
 * ({@code bm25}, {@code dense}, {@code hybrid}) over one index of the suite's whole corpus, built the
 * way {@code noesis eval retrieval} builds it (one passage per document, BM25 with the BEIR baselines'
 * settings) and kept in the same cache, under the work folder, never in the user's index. The
 * experiment's model axis is the embedding model: one index per embedding model, shared by that
 * model's arms, so that every mode ranks the same documents. An arm's output is its ranking, one
 * document id per line; its model time is the search time, query embedding included.
 */
public final class RetrievalArms implements ArmFactory, AutoCloseable {

    private final Documents documents;
    private final Path cacheRoot;
    private final Map<String, ? extends Suite> suites;
    private final boolean needsEmbeddings;
    private final FusionSettings fusion;
    private final BeirEvaluation.Progress progress;
    private final WeightsHash weights;
    private final Map<String, DjlEmbedder> embedders = new LinkedHashMap<>();
    private final Map<String, LuceneHybridIndex> indexes = new LinkedHashMap<>();

    /**
     * @param wiring    the user's wiring: configuration, work folder and embedding models
     * @param suites    the experiment's suites by name, each a {@link BeirRetrievalSuite}
     * @param pipelines the experiment's pipelines (search modes): whether any needs embeddings decides
     *                  whether the index has vectors
     * @param fusion    how {@code hybrid} fuses its two rankings
     * @param progress  told how the index is built
     */
    public RetrievalArms(
            Wiring wiring,
            Map<String, ? extends Suite> suites,
            List<String> pipelines,
            FusionSettings fusion,
            BeirEvaluation.Progress progress) {
        this.documents = wiring.documents();
        this.cacheRoot = wiring.config().workDir().resolve("beir");
        this.suites = suites;
        this.needsEmbeddings = pipelines.stream().map(SearchMode::parse).anyMatch(SearchMode::needsEmbeddings);
        this.fusion = fusion;
        this.progress = progress;
        this.weights = new WeightsHash(wiring.config().workDir().resolve("weights-hashes.properties"));
        for (Map.Entry<String, ? extends Suite> e : suites.entrySet()) {
            if (!(e.getValue() instanceof BeirRetrievalSuite)) {
                throw new InvalidInputException("The suite '" + e.getKey() + "' is not a retrieval suite; a retrieval"
                        + " experiment runs retrieval suites only.");
            }
        }
    }

    /** Whether an experiment over these suites is a retrieval one (its arms are search modes). */
    public static boolean isRetrieval(Map<String, ? extends Suite> suites) {
        return !suites.isEmpty() && suites.values().stream().allMatch(s -> s instanceof RetrievalSuite);
    }

    /** The embedding model's ONNX graph and tokenizer, by their content. */
    @Override
    public synchronized ModelIdentity identify(String model) {
        DjlEmbedder e = embedder(model);
        return ModelIdentity.folder(
                model, weights.ofFiles(List.of(e.spec().onnx(), e.spec().tokenizer())));
    }

    /** The mode with the index and fusion settings, and the corpus of every suite: a change of any is another experiment. */
    @Override
    public Optional<String> fingerprint(String pipeline) {
        SearchMode mode = SearchMode.parse(pipeline);
        IndexSettings index = IndexSettings.DEFAULTS;
        StringBuilder s = new StringBuilder()
                .append("mode=")
                .append(mode.label())
                .append(" depth=")
                .append(BeirEvaluation.DEPTH)
                .append(" analyzer=")
                .append(index.analyzer())
                .append(" k1=")
                .append(index.k1())
                .append(" b=")
                .append(index.b())
                .append(" vectors=")
                .append(needsEmbeddings);
        if (mode == SearchMode.HYBRID) {
            s.append(" rrf-k=")
                    .append(fusion.k())
                    .append(" bm25-weight=")
                    .append(fusion.bm25Weight())
                    .append(" dense-weight=")
                    .append(fusion.denseWeight())
                    .append(" candidates=")
                    .append(fusion.candidates());
        }
        Map<String, String> corpora = new TreeMap<>();
        suites.forEach((name, suite) -> corpora.put(
                name,
                BeirEvaluation.sha256(((BeirRetrievalSuite) suite).dataset().corpusFile())));
        s.append(" corpora=").append(corpora);
        return Optional.of(CanonicalJson.sha256(s.toString()));
    }

    @Override
    public synchronized Arm open(ArmSpec arm, PreparedSetup setup) {
        SearchMode mode = SearchMode.parse(arm.pipeline());
        BeirRetrievalSuite suite = (BeirRetrievalSuite) suites.get(arm.suite());
        if (suite == null) {
            throw new InvalidInputException(
                    "The suite '" + arm.suite() + "' is not part of this retrieval experiment.");
        }
        LuceneHybridIndex index = indexes.computeIfAbsent(
                arm.suite() + "\u0000" + arm.model(),
                k -> BeirEvaluation.prepareIndex(
                        cacheRoot,
                        suite.dataset(),
                        needsEmbeddings ? embedder(arm.model()) : null,
                        IndexSettings.DEFAULTS,
                        false,
                        progress));
        return (item, prompt, params) -> {
            long start = System.nanoTime();
            List<String> ranked = BeirEvaluation.rank(index, item.question(), mode, fusion);
            long ms = (System.nanoTime() - start) / 1_000_000;
            return ArmAnswer.completed(RetrievalSuite.output(ranked), new Usage(0, 0, 0, ms, 0, 0), null);
        };
    }

    private DjlEmbedder embedder(String model) {
        return embedders.computeIfAbsent(model, documents::embedder);
    }

    @Override
    public synchronized void close() {
        indexes.values().forEach(LuceneHybridIndex::close);
        indexes.clear();
        embedders.values().forEach(DjlEmbedder::close);
        embedders.clear();
    }
}
