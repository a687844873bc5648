package dev.noesis.memory.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HashingEmbedderTest {

    private static double dot(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }

    @Test
    void vectorsAreUnitLengthDeterministicAndCloseForSharedSpelling() {
        HashingEmbedder e = new HashingEmbedder();
        float[] a = e.embedQuery("Barack Obama");
        assertThat(a).hasSize(384);
        assertThat(dot(a, a)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(e.embedDocuments(List.of("Barack Obama")).get(0)).containsExactly(a);
        assertThat(dot(a, e.embedQuery("Obama, Barack"))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(dot(a, e.embedQuery("Barack Obama Sr."))).isGreaterThan(dot(a, e.embedQuery("Marie Curie")));
        assertThat(dot(e.embedQuery(""), e.embedQuery(""))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(e.name()).isEqualTo("hashed-trigrams-384");
    }
}
