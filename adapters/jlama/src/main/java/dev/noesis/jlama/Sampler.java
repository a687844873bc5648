package dev.noesis.jlama;

import java.util.SplittableRandom;

/**
 * Picks the next token from the model's logits: temperature and nucleus (top-p) sampling with a
 * seeded generator, so that the same seed gives the same text. Greedy decoding (temperature 0)
 * never reaches this class: Jlama's own arg-max is used.
 */
final class Sampler {

    private final double temperature;
    private final double topP;
    private final SplittableRandom random;
    private float[] probs = new float[0];
    private int[] heap = new int[0];

    Sampler(double temperature, double topP, long seed) {
        if (temperature <= 0) {
            throw new IllegalArgumentException("sampling needs a positive temperature");
        }
        this.temperature = temperature;
        this.topP = topP;
        this.random = new SplittableRandom(seed);
    }

    int sample(float[] logits, int vocab) {
        if (probs.length < vocab) {
            probs = new float[vocab];
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            max = Math.max(max, logits[i]);
        }
        double sum = 0;
        for (int i = 0; i < vocab; i++) {
            float p = (float) Math.exp((logits[i] - max) / temperature);
            probs[i] = p;
            sum += p;
        }
        return topP >= 1.0 ? sampleAll(vocab, sum) : sampleNucleus(vocab, sum);
    }

    private int sampleAll(int vocab, double sum) {
        double u = random.nextDouble() * sum;
        double acc = 0;
        for (int i = 0; i < vocab; i++) {
            acc += probs[i];
            if (acc > u) {
                return i;
            }
        }
        return lastNonZero(vocab);
    }

    /**
     * Samples among the most likely tokens whose mass reaches top-p. The candidates are taken in
     * order from a binary max-heap: building it is linear, and only the few tokens of the nucleus
     * are popped, where sorting the whole vocabulary would cost milliseconds per token.
     */
    private int sampleNucleus(int vocab, double sum) {
        if (heap.length < vocab) {
            heap = new int[vocab];
        }
        for (int i = 0; i < vocab; i++) {
            heap[i] = i;
        }
        int n = vocab;
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(i, n);
        }
        double target = topP * sum;
        double mass = 0;
        int taken = 0;
        // Pop into the tail of the array, so heap[vocab - taken .. vocab) holds the nucleus in order.
        while (n > 0 && mass < target) {
            int top = heap[0];
            heap[0] = heap[n - 1];
            heap[n - 1] = top;
            n--;
            siftDown(0, n);
            mass += probs[top];
            taken++;
        }
        double u = random.nextDouble() * mass;
        double acc = 0;
        for (int k = 0; k < taken; k++) {
            int token = heap[vocab - 1 - k];
            acc += probs[token];
            if (acc > u) {
                return token;
            }
        }
        return heap[vocab - taken];
    }

    private void siftDown(int i, int n) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= n) {
                return;
            }
            int r = l + 1;
            int c = (r < n && higher(heap[r], heap[l])) ? r : l;
            if (!higher(heap[c], heap[i])) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[c];
            heap[c] = t;
            i = c;
        }
    }

    /** Orders by probability, then by lower token id, so that ties break the same way every run. */
    private boolean higher(int a, int b) {
        return probs[a] > probs[b] || (probs[a] == probs[b] && a < b);
    }

    private int lastNonZero(int vocab) {
        for (int i = vocab - 1; i >= 0; i--) {
            if (probs[i] > 0) {
                return i;
            }
        }
        return 0;
    }
}
