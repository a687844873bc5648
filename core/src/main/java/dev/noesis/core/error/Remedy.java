package dev.noesis.core.error;

import java.util.Objects;

/**
 * What the person who met an error can do about it, named without any entry point's words. A
 * library says which remedy applies; each entry point says it in its own terms (the command line
 * names the command to run, the REST server the endpoint), so a library message never gives
 * advice that only makes sense in a terminal.
 *
 * @param action  what to do
 * @param subject what to do it to (a hub id, a folder), or empty
 */
public record Remedy(Action action, String subject) {

    /** The remedies Noesis knows; an entry point words each one. */
    public enum Action {
        /** Nothing beyond what the message says. */
        NONE,
        /** The document index is missing or empty: add documents to it. */
        INGEST_DOCUMENTS,
        /** The index holds no embeddings: search it by words only, or build one with an embedding model. */
        SEARCH_BY_WORDS,
        /** The index's vectors come from another embedding model ({@link #subject()}): use that model, or another index. */
        USE_INDEX_EMBEDDING_MODEL,
        /** Memory's vectors were made by another embedding model: remove them and embed everything again. */
        REEMBED_MEMORY,
        /** More facts were given at once than one write takes: import them from a file, in batches. */
        IMPORT_IN_BATCHES,
        /** No usable model folder: write a tiny one, or name a real model. */
        CREATE_MODEL,
        /** A hub model ({@link #subject()}) is not downloaded yet: ask it something, which downloads it. */
        DOWNLOAD_MODEL
    }

    public static final Remedy NONE = new Remedy(Action.NONE, "");

    public Remedy {
        Objects.requireNonNull(action, "action");
        subject = subject == null ? "" : subject;
    }

    public static Remedy of(Action action) {
        return new Remedy(action, "");
    }

    public static Remedy of(Action action, String subject) {
        return new Remedy(action, subject);
    }
}
