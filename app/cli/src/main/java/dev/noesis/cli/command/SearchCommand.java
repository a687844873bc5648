package dev.noesis.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.cli.terminal.TerminalText;
import dev.noesis.core.error.BackendException;
import dev.noesis.core.retrieval.MetadataFilter;
import dev.noesis.core.retrieval.Passage;
import dev.noesis.core.retrieval.RetrievalQuery;
import dev.noesis.retrieval.index.SearchMode;
import dev.noesis.wiring.Documents;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code noesis search "query"}: ranked chunks from the index, with their sources. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Search the document index and print the best chunks, each with its score, its source and how each"
                    + " ranking placed it. Opens the index read-only, so it works while an ingest runs (it sees what that ingest"
                    + " has committed)."
        })
public final class SearchCommand implements Callable<Integer> {

    private static final int PREVIEW_CHARS = 400;

    @Parameters(
            paramLabel = "QUERY",
            arity = "1..*",
            description = "What to search for; several words are joined with spaces.")
    List<String> words = new ArrayList<>();

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            description =
                    "bm25 (words), dense (meaning) or hybrid (both, fused). Default: hybrid, or bm25 for an index without embeddings.")
    String mode;

    @Option(
            names = {"-k", "--top"},
            paramLabel = "N",
            defaultValue = "5",
            description = "How many chunks. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(
            names = "--filter",
            paramLabel = "KEY=VALUE",
            description = {
                "Keep only chunks whose metadata match (repeatable; all must hold): id, source, title, tag, type,"
                        + " or the times modified / ingested with =, >= or <= and a date (modified>=2025-01-01)."
            })
    List<String> filters = new ArrayList<>();

    @Option(
            names = "--full",
            description = "Print whole chunks instead of their first " + PREVIEW_CHARS + " characters.")
    boolean full;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Mixin
    RetrievalOptions retrieval;

    private final CliContext env;

    public SearchCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        RetrievalQuery query = new RetrievalQuery(
                String.join(" ", words).strip(),
                k,
                filters.stream().map(MetadataFilter::parse).toList());
        try (Documents.OpenIndex index = env.wiring(retrieval)
                .documents()
                .openSearch(Optional.ofNullable(mode).map(SearchMode::parse))) {
            long t0 = System.nanoTime();
            List<Passage> hits = index.retrieve(query);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (json) {
                printJson(hits);
            } else {
                print(hits, index.mode(), ms);
            }
        }
        return ExitCodes.OK;
    }

    private void print(List<Passage> hits, SearchMode m, double ms) {
        PrintStream out = env.out();
        if (hits.isEmpty()) {
            out.println("no results");
        }
        int n = 0;
        for (Passage p : hits) {
            String parts = p.parts().stream()
                    .map(x -> String.format(Locale.ROOT, "%s #%d %.3f", x.ranking(), x.rank(), x.score()))
                    .collect(Collectors.joining(", "));
            out.printf(
                    Locale.ROOT,
                    "%d. %s  [%s %.4f: %s]%n",
                    ++n,
                    TerminalText.safe(heading(p)),
                    m.label(),
                    p.score(),
                    parts);
            out.println("   " + TerminalText.safe(p.source()) + " #"
                    + p.chunkId().substring(p.chunkId().lastIndexOf('#') + 1));
            String text = p.text().replaceAll("\\s+", " ").strip();
            if (!full && text.length() > PREVIEW_CHARS) {
                text = text.substring(0, PREVIEW_CHARS) + "...";
            }
            out.println("   " + TerminalText.safe(text));
            out.println();
        }
        env.err()
                .printf(
                        Locale.ROOT,
                        "%d result%s in %.1f ms (%s)%n",
                        hits.size(),
                        hits.size() == 1 ? "" : "s",
                        ms,
                        m.label());
    }

    private static String heading(Passage p) {
        return p.title().isEmpty() ? p.source().substring(p.source().lastIndexOf('/') + 1) : p.title();
    }

    private void printJson(List<Passage> hits) {
        try {
            env.out()
                    .println(new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(hits));
        } catch (IOException e) {
            throw new BackendException("Cannot write the results as JSON: " + e.getMessage(), e);
        }
    }
}
