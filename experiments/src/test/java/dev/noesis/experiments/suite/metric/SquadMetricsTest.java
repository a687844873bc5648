package dev.noesis.experiments.suite.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Normalisation, exact match and F1 against values worked out by hand from the SQuAD v1.1 script. */
class SquadMetricsTest {

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
        The Denver Broncos!        | denver broncos
        '  A  cat''s   toy '       | cats toy
        an apple, the pear; a fig. | apple pear fig
        Theatre of the Absurd      | theatre of absurd
        "1,234.5 (approx.)"        | 12345 approx
        U.S.A.                     | usa
        then another               | then another
        """)
    void normalisesAsTheOfficialScript(String raw, String expected) {
        assertThat(AnswerNormalizer.normalize(raw)).isEqualTo(expected);
    }

    @Test
    void exactMatchIsAfterNormalisationAndTheBestOverGoldAnswers() {
        assertThat(SquadMetrics.exactMatch("the Denver Broncos.", List.of("Denver Broncos")))
                .isEqualTo(1.0);
        assertThat(SquadMetrics.exactMatch("Broncos", List.of("Denver Broncos")))
                .isZero();
        assertThat(SquadMetrics.exactMatch("Broncos", List.of("Denver Broncos", "Broncos")))
                .isEqualTo(1.0);
        assertThat(SquadMetrics.exactMatch(null, List.of("x"))).isZero();
    }

    @Test
    void tokenF1CountsSharedTokensWithMultiplicity() {
        // P = 2/3, R = 1: F1 = 0.8.
        assertThat(SquadMetrics.f1("Denver Broncos won", "Denver Broncos")).isCloseTo(0.8, within(1e-12));
        // "cat sat on mat" against "cat on mat": P = 3/4, R = 1, F1 = 6/7.
        assertThat(SquadMetrics.f1("the cat sat on the mat", "a cat on a mat")).isCloseTo(6.0 / 7, within(1e-12));
        // x x y against x y y: one x and one y shared, P = R = 2/3.
        assertThat(SquadMetrics.f1("x x y", "x y y")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(SquadMetrics.f1("nothing shared", "Paris")).isZero();
        // Two answers that normalise to nothing share no token: 0, as in v1.1.
        assertThat(SquadMetrics.f1("the", "a")).isZero();
    }

    @Test
    void f1IsTheBestOverGoldAnswersAndZeroWithoutAPrediction() {
        assertThat(SquadMetrics.f1("Broncos", List.of("Denver Broncos", "Broncos")))
                .isEqualTo(1.0);
        assertThat(SquadMetrics.f1("Broncos", List.of("Denver Broncos"))).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(SquadMetrics.f1(null, List.of("Broncos"))).isZero();
    }
}
