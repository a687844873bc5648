package dev.noesis.core.retrieval;

import java.util.List;

/**
 * The port for finding passages relevant to a query: a document index, a web search, a memory.
 * Backend-neutral: an implementation says in {@link Passage#parts()} how each of its own
 * rankings scored a passage, and nothing else of its machinery leaks out.
 */
public interface Retriever extends AutoCloseable {

    /** What this retriever searches (for traces and evidence), for example {@code "index"}. */
    String name();

    /** The best passages for the query, best first, at most {@link RetrievalQuery#k()}. */
    List<Passage> retrieve(RetrievalQuery query);

    @Override
    default void close() {}
}
