package dev.noesis.lora;

import dev.noesis.core.embedding.Embedder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The centroids of adapters' example embeddings, kept between the routers made over the same
 * embedding model. A pipeline is read again for every run (and every REST request), and each
 * reading makes its {@code adapter-router} anew: without this, each one embedded every example
 * of every adapter again. An entry is keyed by the embedding model and the exact texts, so an
 * adapter registered again with other examples gets a new centroid; the least recently used
 * entries go when the cache is full.
 */
public final class CentroidCache {

    private record Key(String embedder, int dimensions, List<String> texts) {}

    private final Map<Key, float[]> entries;

    /** @param capacity the most centroids kept (one per adapter and embedding model) */
    public CentroidCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, got " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A cache that keeps nothing: every router embeds its adapters' texts itself. */
    public static CentroidCache none() {
        return new CentroidCache(0);
    }

    /** The centroid of {@code texts} under {@code embedder}: kept, or made by {@code compute} and kept. */
    float[] centroid(Embedder embedder, List<String> texts, Supplier<float[]> compute) {
        Key key = new Key(embedder.name(), embedder.dimensions(), List.copyOf(texts));
        synchronized (entries) {
            float[] c = entries.get(key);
            if (c != null) {
                return c.clone();
            }
        }
        // Computed outside the lock: two routers made at once may both embed, and keep the same vector.
        float[] c = compute.get();
        synchronized (entries) {
            entries.put(key, c.clone());
        }
        return c;
    }

    /** How many centroids are kept. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
