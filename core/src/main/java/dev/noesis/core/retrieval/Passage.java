package dev.noesis.core.retrieval;

import dev.noesis.core.thought.Evidence;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A retrieved piece of a document, with what provenance needs: the document it came from, its
 * position there, and how it was scored.
 *
 * @param text       the passage
 * @param documentId the id of the document (stable across re-ingestion)
 * @param source     where the document came from (a file path, a URI); may equal the id
 * @param title      the document's title, or an empty string
 * @param chunkId    the id of this passage within the index ({@code documentId#n})
 * @param score      the final score the ranking used (after fusion, when several rankings were fused)
 * @param parts      each ranking that found this passage, with its rank and score there
 */
public record Passage(
        String text, String documentId, String source, String title, String chunkId, double score, List<Part> parts) {

    /**
     * One ranking's view of a passage.
     *
     * @param ranking the ranking, for example {@code "bm25"} or {@code "dense"}
     * @param rank    its 1-based rank in that ranking
     * @param score   the score that ranking gave it (BM25 score, cosine similarity, ...)
     */
    public record Part(String ranking, int rank, double score) {
        public Part {
            Objects.requireNonNull(ranking, "ranking");
        }
    }

    public Passage {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(source, "source");
        title = title == null ? "" : title;
        Objects.requireNonNull(chunkId, "chunkId");
        parts = List.copyOf(parts == null ? List.of() : parts);
    }

    /** What the named ranking made of this passage, if it found it. */
    public Optional<Part> part(String ranking) {
        return parts.stream().filter(p -> p.ranking().equals(ranking)).findFirst();
    }

    /** This passage as evidence for a run, brought by {@code module}; the source names the document and the chunk. */
    public Evidence toEvidence(String module) {
        String where = title.isEmpty() ? source : title + " (" + source + ")";
        return new Evidence(text, where + " #" + chunkId.substring(chunkId.lastIndexOf('#') + 1), score, module);
    }
}
