package dev.noesis.memory.embed;

import dev.noesis.core.embedding.Embedder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A lexical embedder without a model: the character trigrams of each word (with word boundaries)
 * hashed into a fixed number of dimensions, then normalised to unit length. Texts that share
 * spelling get similar vectors; synonyms with different spelling do not. Deterministic and fast, it
 * stands in where no sentence-embedding model is configured, and in tests; it is not a semantic model.
 */
public final class HashingEmbedder implements Embedder {

    public static final String NAME = "hashed-trigrams";

    private final int dimensions;

    public HashingEmbedder(int dimensions) {
        if (dimensions < 8 || dimensions > 4096) {
            throw new IllegalArgumentException("dimensions must be 8 to 4096, got " + dimensions);
        }
        this.dimensions = dimensions;
    }

    public HashingEmbedder() {
        this(384);
    }

    @Override
    public String name() {
        return NAME + "-" + dimensions;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        return texts.stream().map(this::embed).toList();
    }

    @Override
    public float[] embedQuery(String text) {
        return embed(text);
    }

    private float[] embed(String text) {
        float[] v = new float[dimensions];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.isEmpty()) {
                continue;
            }
            String w = "^" + word + "$";
            for (int i = 0; i + 3 <= w.length(); i++) {
                int h = fnv(w.substring(i, i + 3));
                // The sign bit spreads collisions around zero instead of piling them up.
                v[Math.floorMod(h, dimensions)] += (h >>> 31) == 0 ? 1f : -1f;
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            v[0] = 1;
            return v;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    private static int fnv(String s) {
        int h = 0x811c9dc5;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        return h;
    }
}
