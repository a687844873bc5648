package dev.noesis.cli.terminal;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.NoesisException;
import dev.noesis.core.error.Remedy;
import java.io.PrintStream;

/**
 * How an error reaches the person at the terminal: one line (the stack trace only under
 * --verbose), with the command that fixes it when the error names a {@link Remedy}, and the exit
 * code it means.
 */
public final class ErrorReport {

    private ErrorReport() {}

    /** Prints the error and returns its exit code. */
    public static int report(PrintStream err, Throwable ex, boolean verbose) {
        if (ex instanceof NoesisException n) {
            String advice = advice(n.remedy());
            err.println("noesis: " + n.getMessage() + (advice.isEmpty() ? "" : " " + advice));
        } else {
            err.println("noesis: internal error: " + ex + (verbose ? "" : " (run with --verbose for the stack trace)"));
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        return ex instanceof InvalidInputException ? ExitCodes.BAD_INPUT : ExitCodes.FAILED;
    }

    /** A remedy in the command line's words. */
    static String advice(Remedy remedy) {
        return switch (remedy.action()) {
            case NONE -> "";
            case INGEST_DOCUMENTS ->
                "Add documents with `noesis ingest PATH...` first, or point --index (noesis.index.dir) at an index.";
            case SEARCH_BY_WORDS ->
                "Search it with `--mode bm25`, or ingest into another index folder (--index, noesis.index.dir)"
                        + " with an embedding model to search by meaning.";
            case USE_INDEX_EMBEDDING_MODEL ->
                "Use the same model (`--embedding-model " + remedy.subject() + "`, or noesis.embeddings.model="
                        + remedy.subject() + "), or another index folder (--index, noesis.index.dir).";
            case REEMBED_MEMORY ->
                "Run `noesis memory embed --reset` to embed everything again with the configured model.";
            case IMPORT_IN_BATCHES -> "Import large sets with `noesis memory import triples FILE`.";
            case CREATE_MODEL ->
                "`noesis model create-tiny DIR` writes a tiny offline model; --model also takes a hub id or a server URL.";
            case DOWNLOAD_MODEL -> "`noesis ask --model " + remedy.subject() + " ...` downloads it.";
        };
    }
}
