package dev.noesis.retrieval.index;

import dev.noesis.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which rankings a search runs. */
public enum SearchMode {
    /** Words: Lucene BM25 over the analysed text. */
    BM25,
    /** Meaning: nearest neighbours of the query's embedding in the HNSW graph. */
    DENSE,
    /** Both, fused by reciprocal rank fusion. */
    HYBRID;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean needsEmbeddings() {
        return this != BM25;
    }

    public static SearchMode parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Unknown search mode '" + text + "'; use one of "
                    + Arrays.stream(values()).map(SearchMode::label).collect(Collectors.joining(", ")) + ".");
        }
    }
}
