package dev.noesis.retrieval.index;

/**
 * Vectors scaled to unit length. The index stores and queries unit vectors so that Lucene's dot
 * product is their cosine, whatever length the embedding model gives.
 */
final class UnitVectors {

    private UnitVectors() {}

    /** The vector scaled to length one; the vector itself when it already is (or is all zeros). */
    static float[] unit(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        if (Math.abs(sum - 1.0) < 1e-4 || sum == 0) {
            return v;
        }
        float[] out = v.clone();
        float inv = (float) (1.0 / Math.sqrt(sum));
        for (int i = 0; i < out.length; i++) {
            out[i] *= inv;
        }
        return out;
    }

    /** Lucene scores dot-product hits as (1 + dot) / 2; the cosine is what a person can read. */
    static double cosine(float luceneScore) {
        return 2.0 * luceneScore - 1.0;
    }
}
