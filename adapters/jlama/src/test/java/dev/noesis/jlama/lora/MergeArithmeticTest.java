package dev.noesis.jlama.lora;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The merge's arithmetic on small matrices, against sums written out by hand. */
class MergeArithmeticTest {

    @Test
    void theDeltaIsScaleTimesBTimesA() {
        // A [2, 3], B [2, 2]: B·A = [[1*1+2*4, 1*2+2*5, 1*3+2*6], [3*1+4*4, 3*2+4*5, 3*3+4*6]]
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {1, 2, 3, 4};
        float[] w = new float[6];

        MergePlan.addDelta(w, a, b, 2, 2, 3, 0.5, false);

        assertThat(w).containsExactly(4.5f, 6f, 7.5f, 9.5f, 13f, 16.5f);
    }

    @Test
    void fanInFanOutAddsTheTransposedDelta() {
        SplittableRandom r = new SplittableRandom(5);
        int rank = 3;
        int out = 5;
        int in = 7;
        float[] a = random(r, rank * in);
        float[] b = random(r, out * rank);
        float[] w = random(r, out * in);
        float[] wt = new float[in * out];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                wt[i * out + o] = w[o * in + i];
            }
        }

        MergePlan.addDelta(w, a, b, rank, out, in, 1.7, false);
        MergePlan.addDelta(wt, a, b, rank, out, in, 1.7, true);

        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                assertThat(wt[i * out + o]).isEqualTo(w[o * in + i]);
            }
        }
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextDouble(-1, 1);
        }
        return v;
    }
}
