package dev.noesis.jlama;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplerTest {

    @Test
    void theSameSeedDrawsTheSameTokens() {
        float[] logits = {1f, 2f, 0.5f, 1.5f, 0f};
        Sampler a = new Sampler(1.0, 1.0, 9);
        Sampler b = new Sampler(1.0, 1.0, 9);
        for (int i = 0; i < 50; i++) {
            assertThat(a.sample(logits, logits.length)).isEqualTo(b.sample(logits, logits.length));
        }
    }

    @Test
    void topPSamplesOnlyFromTheNucleus() {
        // Probabilities at temperature 1: token 3 holds ~0.84 of the mass, token 1 ~0.11.
        float[] logits = {0f, 3f, -1f, 5f, 0f, 0.5f};
        Sampler sampler = new Sampler(1.0, 0.9, 1);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            seen.add(sampler.sample(logits, logits.length));
        }
        assertThat(seen).containsExactlyInAnyOrder(1, 3);
    }

    @Test
    void withoutTopPEveryTokenCanBeDrawn() {
        float[] logits = {0f, 0.2f, 0.1f, 0.3f};
        Sampler sampler = new Sampler(1.0, 1.0, 2);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            seen.add(sampler.sample(logits, logits.length));
        }
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @Test
    void lowTemperatureConcentratesOnTheLikeliestToken() {
        float[] logits = {1f, 2f, 1.9f};
        Sampler cold = new Sampler(0.01, 1.0, 3);
        for (int i = 0; i < 100; i++) {
            assertThat(cold.sample(logits, logits.length)).isEqualTo(1);
        }
    }
}
