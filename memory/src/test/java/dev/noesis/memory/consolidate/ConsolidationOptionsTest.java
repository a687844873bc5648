package dev.noesis.memory.consolidate;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.memory.Neo4jMemory;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsolidationOptionsTest {

    @Test
    void nonFiniteNumbersAreRefused() {
        Duration month = Duration.ofDays(30);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> new ConsolidationOptions(month, bad, 0.95, 5, Set.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("archiveBelow");
            assertThatThrownBy(() -> new ConsolidationOptions(month, 0.05, bad, 5, Set.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("mergeSimilarity");
            assertThatThrownBy(() -> new Neo4jMemory.Settings(bad, false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dedupSimilarity");
        }
        assertThatThrownBy(() -> new ConsolidationOptions(month, 0.05, 0.95, 0, Set.of()))
                .hasMessageContaining("neighbours");
    }
}
