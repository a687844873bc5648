package dev.noesis.retrieval.index;

/**
 * How a hybrid search fuses its rankings: reciprocal rank fusion, where a passage scores
 * {@code sum over rankings of weight / (k + rank)}.
 *
 * @param k           damps the head of each ranking (60 in the RRF paper and in Anserini)
 * @param bm25Weight  weight of the BM25 ranking
 * @param denseWeight weight of the dense ranking
 * @param candidates  how deep each ranking is read before fusing (at least the number of results asked for)
 */
public record FusionSettings(double k, double bm25Weight, double denseWeight, int candidates) {

    public static final FusionSettings DEFAULTS = new FusionSettings(60, 1.0, 1.0, 100);

    /** Deeper rankings cost more than they can change a fused top list. */
    public static final int MAX_CANDIDATES = 10_000;

    public FusionSettings {
        if (!(k >= 0) || !(bm25Weight >= 0) || !(denseWeight >= 0) || bm25Weight + denseWeight == 0) {
            throw new IllegalArgumentException(
                    "RRF k and the weights must be non-negative, and one weight positive; got k=" + k + ", bm25="
                            + bm25Weight + ", dense=" + denseWeight);
        }
        if (candidates < 1 || candidates > MAX_CANDIDATES) {
            throw new IllegalArgumentException(
                    "candidates must be between 1 and " + MAX_CANDIDATES + ", got " + candidates);
        }
    }

    public FusionSettings withWeights(double bm25, double dense) {
        return new FusionSettings(k, bm25, dense, candidates);
    }

    public FusionSettings withK(double newK) {
        return new FusionSettings(newK, bm25Weight, denseWeight, candidates);
    }

    public FusionSettings withCandidates(int n) {
        return new FusionSettings(k, bm25Weight, denseWeight, n);
    }
}
