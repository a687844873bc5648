package dev.noesis.lora;

import dev.noesis.core.embedding.Embedder;
import dev.noesis.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Nearest centroid over sentence embeddings, in the style of LoraRetriever: each adapter is
 * represented by the mean of the embeddings of its example prompts and its description
 * (normalised to unit length); a question goes to the adapter whose centroid is most similar
 * (cosine), unless even that similarity is under the threshold, in which case the fallback
 * (the base model, or a named adapter) answers. Centroids are computed when the router is made
 * (or taken from a {@link CentroidCache}); a route is one query embedding and one dot product per
 * adapter.
 */
public final class EmbeddingRouter implements AdapterRouter {

    private final Embedder embedder;
    private final List<String> names = new ArrayList<>();
    private final List<float[]> centroids = new ArrayList<>();
    private final double threshold;
    private final Optional<String> fallback;

    public EmbeddingRouter(
            Embedder embedder, List<AdapterEntry> adapters, double threshold, Optional<String> fallback) {
        this(embedder, adapters, threshold, fallback, CentroidCache.none());
    }

    /** A router whose adapters' centroids are taken from {@code cache} when it has them (and kept there). */
    public EmbeddingRouter(
            Embedder embedder,
            List<AdapterEntry> adapters,
            double threshold,
            Optional<String> fallback,
            CentroidCache cache) {
        if (!(threshold >= -1 && threshold <= 1)) {
            throw new InvalidInputException(
                    "The embedding router's threshold is " + threshold + "; a cosine similarity lies in [-1, 1].");
        }
        this.embedder = embedder;
        this.threshold = threshold;
        this.fallback = fallback.filter(f -> !AdapterRegistry.RESERVED.contains(f.toLowerCase(Locale.ROOT)));
        this.fallback.ifPresent(f -> {
            if (adapters.stream().noneMatch(a -> a.name().equals(f))) {
                throw new InvalidInputException("The router's fallback \"" + f + "\" is not a registered adapter.");
            }
        });
        for (AdapterEntry a : adapters) {
            List<String> texts = new ArrayList<>(a.examples());
            if (!a.description().isBlank()) {
                texts.add(a.description());
            }
            if (texts.isEmpty()) {
                continue; // nothing to compare with: never chosen by similarity
            }
            names.add(a.name());
            centroids.add(cache.centroid(
                    embedder, texts, () -> centroid(embedder.embedDocuments(texts), embedder.dimensions())));
        }
    }

    /** The adapters the router can choose, in registry order. */
    public List<String> candidates() {
        return List.copyOf(names);
    }

    @Override
    public Route route(String question) {
        if (names.isEmpty()) {
            return new Route(
                    fallback,
                    0,
                    Optional.empty(),
                    Double.NaN,
                    "embedding",
                    "no adapter has examples or a" + " description to compare with");
        }
        // Embedded as the examples are (no retrieval instruction): the comparison is sentence with sentence, and
        // BGE's query instruction would add a third of the tokens to a short question.
        float[] q = embedder.embedDocuments(List.of(question)).getFirst();
        int best = -1;
        int second = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        double secondScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < centroids.size(); i++) {
            double s = dot(q, centroids.get(i));
            if (s > bestScore) {
                second = best;
                secondScore = bestScore;
                best = i;
                bestScore = s;
            } else if (s > secondScore) {
                second = i;
                secondScore = s;
            }
        }
        Optional<String> runnerUp = second < 0 ? Optional.empty() : Optional.of(names.get(second));
        double runnerUpScore = second < 0 ? Double.NaN : secondScore;
        if (bestScore < threshold) {
            return new Route(
                    fallback,
                    bestScore,
                    Optional.of(names.get(best)),
                    bestScore,
                    "embedding",
                    String.format(
                            Locale.ROOT,
                            "the closest adapter, %s, scores %.3f, under the threshold %.3f",
                            names.get(best),
                            bestScore,
                            threshold));
        }
        return new Route(
                Optional.of(names.get(best)),
                bestScore,
                runnerUp,
                runnerUpScore,
                "embedding",
                String.format(Locale.ROOT, "nearest centroid, threshold %.3f", threshold));
    }

    private static float[] centroid(List<float[]> vectors, int dims) {
        float[] c = new float[dims];
        for (float[] v : vectors) {
            for (int i = 0; i < dims; i++) {
                c[i] += v[i];
            }
        }
        double norm = 0;
        for (float x : c) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < dims; i++) {
                c[i] = (float) (c[i] / norm);
            }
        }
        return c;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
