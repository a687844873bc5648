package dev.noesis.benchmarks.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.jlama.testing.TinyModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelBenchTest {

    @Test
    void measuresBothLoopsOnARealModel() {
        List<String> log = new ArrayList<>();
        ModelBench.Report r = ModelBench.run(TinyModels.withSeed(31), new ModelBench.Options(16, 2), log::add);

        assertThat(r.promptTokens()).isGreaterThan(50);
        assertThat(r.promptMsPerToken()).isPositive();
        assertThat(r.tokensPerSecond()).isPositive();
        assertThat(r.jlamaTokensPerSecond()).isPositive();
        assertThat(r.threads()).isPositive();
        assertThat(r.computePath()).isNotBlank();
        assertThat(log).hasSize(3);
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertThat(r.peakRssBytes()).isGreaterThan(10_000_000L);
        }
    }
}
