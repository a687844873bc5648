package dev.noesis.core.retrieval;

import dev.noesis.core.error.InvalidInputException;
import java.util.List;
import java.util.Objects;

/**
 * A search: the text, how many passages to return, and metadata filters that every passage
 * must pass (all of them).
 *
 * @param text    what to search for
 * @param k       the most passages to return
 * @param filters conditions on metadata, all required
 */
public record RetrievalQuery(String text, int k, List<MetadataFilter> filters) {

    /** Refused above this, so that one request cannot ask an index for everything it holds. */
    public static final int MAX_K = 1000;

    public static final int MAX_TEXT_CHARS = 10_000;

    public RetrievalQuery {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new InvalidInputException("The search query is empty; give the words to search for.");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw new InvalidInputException(
                    "The search query is " + text.length() + " characters long; the limit is " + MAX_TEXT_CHARS + ".");
        }
        if (k < 1 || k > MAX_K) {
            throw new InvalidInputException(
                    "k (the number of passages) must be between 1 and " + MAX_K + ", got " + k + ".");
        }
        filters = List.copyOf(filters == null ? List.of() : filters);
    }

    public static RetrievalQuery of(String text, int k) {
        return new RetrievalQuery(text, k, List.of());
    }

    public RetrievalQuery withFilter(MetadataFilter filter) {
        List<MetadataFilter> all = new java.util.ArrayList<>(filters);
        all.add(filter);
        return new RetrievalQuery(text, k, all);
    }
}
