package dev.noesis.lora;

import dev.noesis.core.embedding.Embedder;
import dev.noesis.core.error.InvalidInputException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the adapter for a question. Three strategies: {@link EmbeddingRouter} (the question's
 * sentence embedding against each adapter's examples and description), {@link KeywordRouter}
 * (keyword rules) and {@link #explicit} (the name the request gives).
 */
public interface AdapterRouter {

    /** The choice for {@code question}. */
    Route route(String question);

    /** The strategies by name. */
    enum Strategy {
        EMBEDDING,
        KEYWORD,
        EXPLICIT;

        public static Strategy parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidInputException(
                        "Unknown adapter routing strategy \"" + text + "\"; choose embedding, keyword or explicit.");
            }
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Always the adapter the request named ({@code base} or {@code none} for the base model);
     * a name that is not registered is refused when the router is made, listing the known ones.
     */
    static AdapterRouter explicit(String requested, List<AdapterEntry> adapters) {
        String wanted = requested == null ? "none" : requested.strip();
        if (AdapterRegistry.RESERVED.contains(wanted.toLowerCase(Locale.ROOT)) && !wanted.equalsIgnoreCase("auto")) {
            Route base = new Route(
                    Optional.empty(),
                    1,
                    Optional.empty(),
                    Double.NaN,
                    "explicit",
                    "the request asked" + " for the base model");
            return q -> base;
        }
        if (adapters.stream().noneMatch(a -> a.name().equals(wanted))) {
            List<String> names = adapters.stream().map(AdapterEntry::name).toList();
            throw new InvalidInputException("No adapter named \"" + wanted + "\" is registered"
                    + (names.isEmpty() ? " (none are)." : "; registered: " + String.join(", ", names) + "."));
        }
        Route chosen = new Route(
                Optional.of(wanted), 1, Optional.empty(), Double.NaN, "explicit", "named by the" + " request");
        return q -> chosen;
    }

    /** The embedding router ({@link EmbeddingRouter}). */
    static AdapterRouter embedding(
            Embedder embedder, List<AdapterEntry> adapters, double threshold, Optional<String> fallback) {
        return new EmbeddingRouter(embedder, adapters, threshold, fallback);
    }
}
