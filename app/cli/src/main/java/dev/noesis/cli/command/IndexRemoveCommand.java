package dev.noesis.cli.command;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.retrieval.index.IndexStats;
import dev.noesis.retrieval.ingest.Ingestor;
import dev.noesis.wiring.Documents;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code noesis index remove PATH...}: documents out of the index, by the paths they were ingested from. */
@Command(
        name = "remove",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Take documents out of the index: the files named, and every file under the folders named, whether or"
                    + " not they still exist. (Ingesting a folder again also takes out the files deleted from it.)",
            "Exit code 2 when none of the paths names a document in the index."
        })
public final class IndexRemoveCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders, as they were ingested.")
    List<Path> paths = new ArrayList<>();

    @Option(
            names = "--index",
            paramLabel = "DIR",
            description = "The index folder. Default: noesis.index.dir, else ~/.noesis/index.")
    Path index;

    private final CliContext env;

    public IndexRemoveCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Documents.Removal done = env.wiring(keys -> {
                    if (index != null) {
                        keys.put(
                                "noesis.index.dir",
                                index.toAbsolutePath().normalize().toString());
                    }
                })
                .documents()
                .remove(paths);
        Ingestor.Removal r = done.report();
        if (r.removed().isEmpty()) {
            throw new InvalidInputException(
                    "Nothing to remove: " + (paths.size() == 1 ? paths.getFirst() + " is" : "none of the paths is")
                            + " in the index " + done.indexDir() + ".");
        }
        PrintStream out = env.out();
        out.printf(
                "removed %d document%s from %s:%n",
                r.removed().size(), r.removed().size() == 1 ? "" : "s", done.indexDir());
        for (Path p : r.removed()) {
            out.println("  " + p);
        }
        if (!r.notIndexed().isEmpty()) {
            out.println("not in the index " + r.notIndexed().size() + ":");
            for (Path p : r.notIndexed()) {
                out.println("  " + p);
            }
        }
        IndexStats stats = done.stats();
        out.printf("index: %,d documents, %,d chunks%n", stats.documents(), stats.chunks());
        return ExitCodes.OK;
    }
}
