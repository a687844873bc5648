package dev.noesis.cli.command;

import dev.noesis.benchmarks.Latencies;
import dev.noesis.benchmarks.beir.BeirDataset;
import dev.noesis.benchmarks.retrieval.RetrievalBench;
import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.cli.terminal.ProgressBars;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.embeddings.DjlEmbedder;
import dev.noesis.retrieval.index.IndexSettings;
import dev.noesis.retrieval.index.SearchMode;
import dev.noesis.wiring.Documents;
import dev.noesis.wiring.Wiring;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code noesis bench retrieval --beir DIR}: ingestion throughput and query latency, small and at scale. */
@Command(
        name = "retrieval",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measure retrieval speed on this machine: ingestion of a BEIR corpus through the chunker and the"
                    + " embedding model (chunks/s), then top-k query latency (p50/p99) on that index and on a larger one of"
                    + " --scale chunks made by repeating its chunks with their vectors slightly moved, each with the query"
                    + " embedding and without it.",
            "Indexes are built under ~/.noesis/work/bench-retrieval (--reuse keeps them between runs). Run it on a quiet"
                    + " machine and compare figures from one run."
        })
public final class RetrievalBenchCommand implements Callable<Integer> {

    @Option(
            names = "--beir",
            paramLabel = "DIR",
            required = true,
            description = "A BEIR collection's folder (its corpus and test queries are used).")
    Path beir;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "0",
            description = "Ingest only the first N documents (0: all). Default: all.")
    int limit;

    @Option(
            names = "--scale",
            paramLabel = "CHUNKS",
            defaultValue = "100000",
            description = "Chunks in the large index (0 to skip it). Default: ${DEFAULT-VALUE}.")
    int scale;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            defaultValue = "3",
            description = "Times the query set is timed. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(
            names = "-k",
            paramLabel = "N",
            defaultValue = "10",
            description = "Results per query. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(
            names = "--reuse",
            description = "Reuse complete indexes a previous run left (skips the ingestion measurement).")
    boolean reuse;

    @Option(
            names = "--work",
            paramLabel = "DIR",
            description = "Where to build the indexes. Default: ~/.noesis/work/bench-retrieval.")
    Path work;

    @Option(
            names = "--embedding-model",
            paramLabel = "NAME|DIR",
            description = "The embedding model. Default: noesis.embeddings.model, else bge-small-en-v1.5-q.")
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

    public RetrievalBenchCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (limit < 0 || scale < 0 || rounds < 1 || k < 1 || k > 1000) {
            throw new InvalidInputException(
                    "--limit and --scale must be 0 or more, --rounds at least 1, -k between 1 and 1000.");
        }
        BeirDataset data = BeirDataset.read(beir.toAbsolutePath().normalize(), "test");
        Wiring wiring = env.wiring(this::embeddingFlags);
        Documents documents = wiring.documents();
        Path workDir =
                work != null ? work.toAbsolutePath() : wiring.config().workDir().resolve("bench-retrieval");
        String load = loadAverage();
        RetrievalBench.Report r;
        String model;
        int threads;
        try (DjlEmbedder embedder = documents.embedder(documents.configuredEmbeddingModel());
                ProgressBars.Counter bar = ProgressBars.count(env.err())) {
            model = embedder.name();
            threads = embedder.settings().threads();
            r = RetrievalBench.run(
                    data,
                    embedder,
                    IndexSettings.DEFAULTS,
                    new RetrievalBench.Options(limit, scale, rounds, k, workDir, reuse),
                    bar::update);
        }
        PrintStream out = env.out();
        out.printf(
                Locale.ROOT,
                "machine: %d cores, Java %s; load average before: %s, after: %s%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                load,
                loadAverage());
        out.printf(Locale.ROOT, "embeddings: %s, %d threads; corpus: %s%n", model, threads, data.name());
        if (r.ingest() != null) {
            RetrievalBench.Ingest in = r.ingest();
            out.printf(
                    Locale.ROOT,
                    "ingestion: %,d documents -> %,d chunks in %.1f s: %.1f chunks/s (%.1f documents/s);"
                            + " the model took %.0f%% of the time%n",
                    in.documents(),
                    in.chunks(),
                    in.seconds(),
                    in.chunksPerSecond(),
                    in.documents() / in.seconds(),
                    100 * in.embedSeconds() / in.seconds());
        } else {
            out.println("ingestion: not measured (index reused)");
        }
        out.printf(
                Locale.ROOT,
                "query embedding alone: p50 %.2f ms, p99 %.2f ms%n",
                r.queryEmbedding().p50Ms(),
                r.queryEmbedding().p99Ms());
        if (r.scaleBuildSeconds() > 0) {
            out.printf(
                    Locale.ROOT,
                    "scaled index built: %,d chunks in %.1f s (%.0f chunks/s, indexing only)%n",
                    r.scaleChunks(),
                    r.scaleBuildSeconds(),
                    r.scaleChunks() / r.scaleBuildSeconds());
        }
        out.printf(
                Locale.ROOT,
                "top-%d latency over %d queries x %d rounds:%n",
                k,
                data.queries().size(),
                rounds);
        out.println("index             chunks  segments  mode     with embedding p50 / p99   search only p50 / p99");
        for (RetrievalBench.Latency l : r.latencies()) {
            out.printf(
                    Locale.ROOT,
                    "%-15s %8d  %8d  %-7s  %s   %s%n",
                    l.index(),
                    l.chunks(),
                    l.segments(),
                    l.mode().label(),
                    l.mode() == SearchMode.BM25 ? "          (no embedding)" : ms(l.withEmbedding()),
                    ms(l.searchOnly()));
        }
        return ExitCodes.OK;
    }

    private static String ms(Latencies l) {
        return String.format(Locale.ROOT, "%9.2f ms / %8.2f ms", l.p50Ms(), l.p99Ms());
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
