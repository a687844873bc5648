package dev.noesis.cli.command.memory;

import dev.noesis.benchmarks.Latencies;
import dev.noesis.benchmarks.memory.HypernymQuestions;
import dev.noesis.benchmarks.memory.MemoryBench;
import dev.noesis.benchmarks.memory.PrecomputedEmbedder;
import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.cli.terminal.ProgressBars;
import dev.noesis.core.embedding.Embedder;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.memory.RecallOptions;
import dev.noesis.memory.MemoryStats;
import dev.noesis.memory.Neo4jMemory;
import dev.noesis.memory.embed.EmbeddingStage;
import dev.noesis.memory.importer.FactImport;
import dev.noesis.memory.importer.ImportProblem;
import dev.noesis.memory.importer.TwoWikiImporter;
import dev.noesis.memory.importer.WordNetImporter;
import dev.noesis.wiring.MemoryAccess;
import dev.noesis.wiring.NoesisConfig;
import dev.noesis.wiring.Wiring;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code noesis memory bench}: the figures of the memory issue, rerunnable. Each prints the machine's
 * load, the embedder and the server, so that a figure can be read in its context.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure memory on this machine. Use a Noesis home of its own (NOESIS_HOME=/tmp/bench) so the"
                    + " benchmark graph is not your memory:",
            "  noesis memory bench wordnet --clear     import all of WordNet (timed), then embed it (concepts/s)",
            "  noesis memory bench recall              recall latency p50/p99 over WordNet, cue embedding excluded",
            "  noesis memory bench multihop            \"is X a kind of Y?\" by IS_A path search, with hard negatives",
            "  noesis memory bench 2wiki FILE --clear  2WikiMultihopQA: share of questions whose gold triples are recalled"
        },
        subcommands = {
            MemoryBenchCommand.WordNet.class,
            MemoryBenchCommand.Recall.class,
            MemoryBenchCommand.MultiHop.class,
            MemoryBenchCommand.TwoWiki.class
        })
public final class MemoryBenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing benchmark: wordnet, recall, multihop or 2wiki");
    }

    static void context(PrintStream out, NoesisConfig config, Neo4jMemory memory) {
        String load;
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            load = fields[0] + " " + fields[1] + " " + fields[2] + " (1, 5, 15 min)";
        } catch (IOException | RuntimeException e) {
            load = "unknown";
        }
        out.println("machine:   " + Runtime.getRuntime().availableProcessors() + " cores, load average " + load);
        out.println("server:    " + memory.location()
                + (config.memory().uri().isPresent()
                        ? ""
                        : " (local, heap " + config.memory().heap() + ", page cache "
                                + config.memory().pageCache() + ")"));
        out.println("embedder:  " + memory.embedder().map(Embedder::name).orElse("none"));
    }

    static void requireEmptyOrClear(Neo4jMemory memory, boolean clear, PrintStream err) {
        MemoryStats stats = memory.stats();
        if (stats.totalNodes() > 0) {
            if (!clear) {
                throw new InvalidInputException(
                        "Memory already holds " + stats.totalNodes() + " nodes: this benchmark needs an"
                                + " empty graph. Add --clear to delete everything in it (use a Noesis home of its own for benchmarks).");
            }
            err.println("Clearing memory (" + stats.totalNodes() + " nodes)...");
            memory.clear();
        }
    }

    @Command(
            name = "wordnet",
            mixinStandardHelpOptions = true,
            description =
                    "Import all of WordNet 3.1 into an empty graph (timed, embedding excluded), print the node and"
                            + " edge counts, then run the embedding stage and print its throughput.")
    public static final class WordNet implements Callable<Integer> {
        @Option(names = "--clear", description = "Delete everything in memory first.")
        boolean clear;

        @Option(names = "--no-embed", description = "Skip the embedding stage.")
        boolean noEmbed;

        @Option(
                names = "--batch",
                paramLabel = "N",
                defaultValue = "5000",
                description = "Rows per transaction. Default: ${DEFAULT-VALUE}.")
        int batch;

        private final CliContext env;

        public WordNet(CliContext env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Wiring wiring = env.wiring();
            NoesisConfig config = wiring.config();
            MemoryAccess access = wiring.memory();
            PrintStream out = env.out();
            try (Neo4jMemory memory = access.open()) {
                requireEmptyOrClear(memory, clear, env.err());
                context(out, config, memory);
                WordNetImporter.Report r = access.importWordNet(memory, batch);
                MemoryStats s = memory.stats();
                out.printf(
                        Locale.ROOT,
                        "import:    %.1f s for %,d concepts and %,d edges (embedding excluded; batches of %,d)%n",
                        r.elapsed().toNanos() / 1e9,
                        r.concepts(),
                        r.edges(),
                        batch);
                out.printf(
                        Locale.ROOT,
                        "graph:     %,d nodes (%,d concepts), %,d edges: IS_A %,d, PART_OF %,d, RELATED_TO %,d%n",
                        s.totalNodes(),
                        s.nodes().get("Concept"),
                        s.totalEdges(),
                        s.edges().get(dev.noesis.core.memory.Relation.IS_A),
                        s.edges().get(dev.noesis.core.memory.Relation.PART_OF),
                        s.edges().get(dev.noesis.core.memory.Relation.RELATED_TO));
                r.edgesByLabel().forEach((label, n) -> out.printf(Locale.ROOT, "           %-20s %,d%n", label, n));
                if (!noEmbed) {
                    EmbeddingStage.Report e = access.embedMissing(memory, 256);
                    out.printf(
                            Locale.ROOT,
                            "embedding: %,d nodes in %.1f s = %,.0f concepts per second%n",
                            e.embedded(),
                            e.elapsed().toNanos() / 1e9,
                            e.perSecond());
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "recall",
            mixinStandardHelpOptions = true,
            description =
                    "Recall latency over the WordNet graph (run `bench wordnet` first): half the cues are lemmas, half"
                            + " the start of a gloss, drawn with a fixed seed. Cue vectors are computed beforehand, so the figures"
                            + " leave the embedding of the cue out.")
    public static final class Recall implements Callable<Integer> {
        @Option(
                names = "--queries",
                paramLabel = "N",
                defaultValue = "1000",
                description = "Timed recalls. Default: ${DEFAULT-VALUE}.")
        int queries;

        @Option(
                names = "--warmup",
                paramLabel = "N",
                defaultValue = "200",
                description = "Untimed recalls first. Default: ${DEFAULT-VALUE}.")
        int warmup;

        @Option(
                names = {"-k", "--seeds"},
                paramLabel = "N",
                defaultValue = "10",
                description = "Default: ${DEFAULT-VALUE}.")
        int seeds;

        @Option(names = "--depth", paramLabel = "N", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
        int depth;

        @Option(names = "--fan-out", paramLabel = "N", defaultValue = "16", description = "Default: ${DEFAULT-VALUE}.")
        int fanOut;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "25", description = "Default: ${DEFAULT-VALUE}.")
        int limit;

        @Option(
                names = "--seed",
                paramLabel = "N",
                defaultValue = "42",
                description = "Random seed for the cues. Default: ${DEFAULT-VALUE}.")
        long seed;

        private final CliContext env;

        public Recall(CliContext env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Wiring wiring = env.wiring();
            NoesisConfig config = wiring.config();
            List<String> cues = MemoryBench.wordNetCues(WordNetImporter.dictionary(), queries, seed);
            Embedder embedder = new PrecomputedEmbedder(wiring.memory().embedder(), cues);
            RecallOptions options =
                    new RecallOptions(seeds, depth, fanOut, limit, Optional.empty(), java.util.Set.of());
            try (Neo4jMemory memory = wiring.memory().openWith(embedder)) {
                long concepts = memory.stats().nodes().get("Concept");
                if (concepts < 100_000) {
                    throw new InvalidInputException("Memory holds " + concepts
                            + " concepts; run `noesis memory bench wordnet" + " --clear` first (WordNet has 117,791).");
                }
                context(env.out(), config, memory);
                Latencies latency;
                try (ProgressBars.Counter bar = ProgressBars.count(env.err(), "Recall")) {
                    latency = MemoryBench.recallLatency(
                            memory, cues, options, warmup, i -> bar.update("queries", i, cues.size()));
                }
                env.out().printf(Locale.ROOT, "recall:    %s%n", latency);
                env.out()
                        .printf(
                                Locale.ROOT,
                                "options:   seeds %d, depth %d, fan-out %d, limit %d; %d warm-up recalls; cue"
                                        + " embedding excluded%n",
                                seeds,
                                depth,
                                fanOut,
                                limit,
                                warmup);
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "multihop",
            mixinStandardHelpOptions = true,
            description =
                    "\"Is X a kind of Y?\" for pairs drawn from WordNet's hypernym chains (2 to 4 hops, read from the"
                            + " data files), each with a hard negative (a sibling of an ancestor), answered by IS_A path search in"
                            + " the graph between any senses of the two names. Run `bench wordnet` first.")
    public static final class MultiHop implements Callable<Integer> {
        @Option(
                names = "--pairs",
                paramLabel = "N",
                defaultValue = "500",
                description = "Positive questions (as many negatives). Default: ${DEFAULT-VALUE}.")
        int pairs;

        @Option(
                names = "--max-hops",
                paramLabel = "N",
                defaultValue = "6",
                description = "Longest path searched. Default: ${DEFAULT-VALUE}.")
        int maxHops;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
        long seed;

        private final CliContext env;

        public MultiHop(CliContext env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Wiring wiring = env.wiring();
            NoesisConfig config = wiring.config();
            List<HypernymQuestions.Question> questions =
                    HypernymQuestions.generate(WordNetImporter.dictionary(), pairs, seed);
            try (Neo4jMemory memory = wiring.memory().open()) {
                context(env.out(), config, memory);
                MemoryBench.MultiHop r;
                try (ProgressBars.Counter bar = ProgressBars.count(env.err(), "Questions")) {
                    r = MemoryBench.multiHop(memory, questions, maxHops, i -> bar.update("asked", i, questions.size()));
                }
                env.out()
                        .printf(
                                Locale.ROOT,
                                "multi-hop: %.1f%% right of %d questions: positives %d/%d, hard negatives %d/%d"
                                        + " (paths of at most %d IS_A links)%n",
                                100 * r.accuracy(),
                                r.positives() + r.negatives(),
                                r.positivesRight(),
                                r.positives(),
                                r.negativesRight(),
                                r.negatives(),
                                maxHops);
                env.out().println("latency:   " + r.latency());
                env.out().println("examples:");
                r.examples().forEach(e -> env.out().println("  " + e));
                env.out()
                        .println("mistakes"
                                + (r.mistakes().isEmpty()
                                        ? ": none"
                                        : " (first " + r.mistakes().size() + "):"));
                r.mistakes().forEach(e -> env.out().println("  " + e));
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "2wiki",
            mixinStandardHelpOptions = true,
            description =
                    "Import the evidence triples of 2WikiMultihopQA questions, embed them, then recall each question"
                            + " and count the questions whose gold triples are all among the top k recalled statements.")
    public static final class TwoWiki implements Callable<Integer> {
        @Parameters(
                paramLabel = "FILE",
                description = "e.g. ../shared/data/2wikimultihopqa/dev_1000_with_evidence.json")
        Path file;

        @Option(
                names = "-k",
                paramLabel = "K",
                split = ",",
                defaultValue = "5,10,20,50",
                description = "Statement cut-offs. Default: ${DEFAULT-VALUE}.")
        List<Integer> ks;

        @Option(
                names = "--clear",
                description = "Delete everything in memory first (the figure is for a graph of these facts only).")
        boolean clear;

        @Option(names = "--seeds", paramLabel = "N", defaultValue = "10", description = "Default: ${DEFAULT-VALUE}.")
        int seeds;

        @Option(names = "--depth", paramLabel = "N", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
        int depth;

        @Option(names = "--fan-out", paramLabel = "N", defaultValue = "16", description = "Default: ${DEFAULT-VALUE}.")
        int fanOut;

        @Option(
                names = "--limit",
                paramLabel = "N",
                defaultValue = "100",
                description = "Nodes recalled. Default: ${DEFAULT-VALUE}.")
        int limit;

        private final CliContext env;

        public TwoWiki(CliContext env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Wiring wiring = env.wiring();
            NoesisConfig config = wiring.config();
            MemoryAccess access = wiring.memory();
            List<ImportProblem> problems = new ArrayList<>();
            List<TwoWikiImporter.Question> questions = TwoWikiImporter.questions(file, problems);
            RecallOptions options =
                    new RecallOptions(seeds, depth, fanOut, limit, Optional.empty(), java.util.Set.of());
            try (Neo4jMemory memory = access.open()) {
                if (clear) {
                    requireEmptyOrClear(memory, true, env.err());
                }
                context(env.out(), config, memory);
                FactImport imported =
                        access.importFacts(memory, (m, listener) -> new TwoWikiImporter(m, 2000).run(file, listener));
                EmbeddingStage.Report e = access.embedMissing(memory, 256);
                MemoryStats s = memory.stats();
                env.out()
                        .printf(
                                Locale.ROOT,
                                "graph:     %,d questions' evidence: %,d facts (%,d new) in %.1f s, %,d concepts,"
                                        + " %,d edges; %,d nodes embedded in %.1f s%n",
                                questions.size(),
                                imported.read(),
                                imported.writes().factsCreated(),
                                imported.elapsed().toNanos() / 1e9,
                                s.nodes().get("Concept"),
                                s.totalEdges(),
                                e.embedded(),
                                e.elapsed().toNanos() / 1e9);
                MemoryBench.TwoWiki r;
                try (ProgressBars.Counter bar = ProgressBars.count(env.err(), "Recall")) {
                    r = MemoryBench.twoWiki(
                            memory, questions, ks, options, i -> bar.update("questions", i, questions.size()));
                }
                env.out()
                        .printf(
                                Locale.ROOT,
                                "options:   seeds %d, depth %d, fan-out %d, limit %d nodes%n",
                                seeds,
                                depth,
                                fanOut,
                                limit);
                for (int k : ks) {
                    env.out()
                            .printf(
                                    Locale.ROOT,
                                    "k = %-3d    all gold triples recalled: %5.1f%% of questions; gold triples recalled: %5.1f%%%n",
                                    k,
                                    100 * r.allGold().get(k),
                                    100 * r.goldTriples().get(k));
                }
                r.allGoldByType().forEach((type, byK) -> {
                    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-18s", type));
                    byK.forEach((k, v) -> b.append(String.format(Locale.ROOT, " @%d %5.1f%%", k, 100 * v)));
                    env.out().println(b);
                });
                env.out().println("latency:   " + r.latency() + " (cue embedding included)");
            }
            return ExitCodes.OK;
        }
    }
}
