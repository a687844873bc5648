package dev.noesis.retrieval.chunking;

import java.util.Objects;

/**
 * A piece of a document small enough to embed and to show as a search result.
 *
 * @param index   its position in the document, from 0
 * @param text    the text
 * @param section the headings above it ({@code "Install > Linux"}), or an empty string
 */
public record Chunk(int index, String text, String section) {

    public Chunk {
        Objects.requireNonNull(text, "text");
        section = section == null ? "" : section;
    }
}
