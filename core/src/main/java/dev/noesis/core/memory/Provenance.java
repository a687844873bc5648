package dev.noesis.core.memory;

import java.util.Objects;

/**
 * Where something in memory came from: a document, a data set line, a run.
 *
 * @param uri   a stable identifier ({@code file:...}, {@code wordnet:3.1}, {@code run:<id>})
 * @param title a short human-readable name, or empty
 */
public record Provenance(String uri, String title) {

    public Provenance {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(title, "title");
        if (uri.isBlank()) {
            throw new IllegalArgumentException("a provenance needs a uri");
        }
    }

    public static Provenance of(String uri) {
        return new Provenance(uri, "");
    }
}
