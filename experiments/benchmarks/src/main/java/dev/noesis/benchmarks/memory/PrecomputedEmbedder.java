package dev.noesis.benchmarks.memory;

import dev.noesis.core.embedding.Embedder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An embedder whose query vectors were computed beforehand, so that a benchmark times recall
 * without the embedding of its cue. Same name and dimensions as the embedder it wraps.
 */
public final class PrecomputedEmbedder implements Embedder {

    private final Embedder inner;
    private final Map<String, float[]> queries = new HashMap<>();

    public PrecomputedEmbedder(Embedder inner, List<String> cues) {
        this.inner = inner;
        for (String cue : cues) {
            queries.computeIfAbsent(cue, inner::embedQuery);
        }
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public int dimensions() {
        return inner.dimensions();
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        return inner.embedDocuments(texts);
    }

    @Override
    public float[] embedQuery(String text) {
        float[] v = queries.get(text);
        return v != null ? v : inner.embedQuery(text);
    }

    @Override
    public void close() {
        inner.close();
    }
}
