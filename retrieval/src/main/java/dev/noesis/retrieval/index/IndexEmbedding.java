package dev.noesis.retrieval.index;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether an index holds vectors, and from which embedding model: an index built without one is
 * searched by words (BM25) only; one built with a model must be searched with that same model.
 */
public sealed interface IndexEmbedding permits IndexEmbedding.WordsOnly, IndexEmbedding.Embedded {

    /** An index of words only: no vectors, so BM25 is its one ranking. */
    IndexEmbedding WORDS_ONLY = new WordsOnly();

    /** No vectors: BM25 only. */
    record WordsOnly() implements IndexEmbedding {}

    /** Vectors made by the embedding model {@code name}. */
    record Embedded(String name) implements IndexEmbedding {
        public Embedded {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("An embedding model's name cannot be blank");
            }
        }
    }

    /** The index of vectors made by this model. */
    static IndexEmbedding of(String model) {
        return new Embedded(model);
    }

    /** Whether the index holds no vectors, so that it is searched by words only. */
    default boolean wordsOnly() {
        return this instanceof WordsOnly;
    }

    /** The embedding model of the vectors; empty for an index of words only. */
    default Optional<String> model() {
        return this instanceof Embedded e ? Optional.of(e.name()) : Optional.empty();
    }

    /** The search that uses all the index holds: hybrid with vectors, BM25 without. */
    default SearchMode fullestMode() {
        return wordsOnly() ? SearchMode.BM25 : SearchMode.HYBRID;
    }

    /** How a person reads it: the model's name, or {@code none}. */
    default String label() {
        return model().orElse("none");
    }
}
