package dev.noesis.cli.command;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.cli.terminal.ProgressBars;
import dev.noesis.cli.terminal.TerminalText;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.retrieval.index.IndexStats;
import dev.noesis.retrieval.ingest.Ingestor;
import dev.noesis.retrieval.ingest.SourceFiles.Problem;
import dev.noesis.wiring.Documents;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code noesis ingest PATH...}: files into the document index. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Add documents to the index: .txt, .md, .html and .pdf files, or folders of them (walked without"
                    + " following links out of them; hidden files skipped). A file whose content has not changed since the last"
                    + " ingest is skipped; a changed one replaces its old version. Work is committed as it goes: an interrupted"
                    + " ingest keeps what it committed, and running it again finishes the rest.",
            "Exit code 1 when some file failed (the others are still added)."
        })
public final class IngestCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders to add.")
    List<Path> paths = new ArrayList<>();

    @Option(
            names = "--tag",
            paramLabel = "TAG",
            description = "Tag every document of this run (repeatable); search with --filter tag=TAG.")
    List<String> tags = new ArrayList<>();

    @Option(
            names = "--max-file-mb",
            paramLabel = "MB",
            defaultValue = "50",
            description = "Skip files larger than this (1 to 2000). Default: ${DEFAULT-VALUE}.")
    int maxFileMb;

    @Mixin
    RetrievalOptions retrieval;

    private final CliContext env;

    public IngestCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (maxFileMb < 1 || maxFileMb > 2000) {
            // A file is read whole into one array, so it must stay under 2 GB.
            throw new InvalidInputException("--max-file-mb must be between 1 and 2000, got " + maxFileMb + ".");
        }
        for (String tag : tags) {
            if (tag.isBlank()) {
                throw new InvalidInputException("A --tag cannot be empty.");
            }
        }
        if (paths.stream().noneMatch(p -> Files.exists(p))) {
            throw new InvalidInputException("Nothing to ingest: "
                    + (paths.size() == 1 ? paths.getFirst() + " does not exist." : "none of the paths exists."));
        }
        Ingestor.Settings settings = Ingestor.Settings.DEFAULTS
                .withMaxFileBytes((long) maxFileMb << 20)
                .withTags(tags);
        Documents.Ingestion done;
        try (ProgressBars.Counter bar = ProgressBars.count(env.err())) {
            done = env.wiring(retrieval).documents().ingest(paths, settings, new Ingestor.Listener() {
                private int total;
                private int count;

                @Override
                public void started(int files) {
                    total = files;
                }

                @Override
                public void fileDone(Path file, Ingestor.Outcome outcome, int chunks) {
                    bar.update("ingesting", ++count, total);
                }
            });
        }
        Ingestor.Report r = done.report();
        IndexStats stats = done.stats();
        Path dir = done.indexDir();
        PrintStream out = env.out();
        out.printf(
                "ingested %d file%s into %s: %d added, %d updated, %d unchanged; %,d chunks in %.1f s (%.1f chunks/s)%n",
                r.files(),
                r.files() == 1 ? "" : "s",
                dir,
                r.added(),
                r.updated(),
                r.unchanged(),
                r.chunks(),
                r.elapsed().toMillis() / 1000.0,
                r.chunksPerSecond());
        if (!r.removed().isEmpty()) {
            out.println("removed " + r.removed().size() + " (no longer in the folder):");
            r.removed().forEach(p -> out.println("  " + TerminalText.safe(p.toString())));
        }
        list(out, "skipped", r.skipped());
        list(out, "failed", r.failed());
        out.printf(
                "index: %,d documents, %,d chunks (embeddings: %s)%n",
                stats.documents(), stats.chunks(), stats.embedder());
        return r.failed().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static void list(PrintStream out, String what, List<Problem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        out.println(what + " " + problems.size() + ":");
        for (Problem p : problems) {
            out.println("  " + TerminalText.safe(p.path() + ": " + p.reason()));
        }
    }
}
