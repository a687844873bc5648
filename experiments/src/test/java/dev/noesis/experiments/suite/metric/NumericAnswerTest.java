package dev.noesis.experiments.suite.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumericAnswerTest {

    @ParameterizedTest(name = "\"{0}\" states {1}")
    @CsvSource(delimiter = '|', textBlock = """
        18                    | 18
        $1,234.00             | 1234
        18 dollars            | 18
        9 * 2 = 18            | 18
        It costs €2.50 each.  | 2.5
        -5                    | -5
        from 5-10 minutes     | 10
        .5                    | 0.5
        18.                   | 18
        1,450,000             | 1450000
        40%                   | 40
        """)
    void theLastNumberIsTheValue(String text, String expected) {
        assertThat(NumericAnswer.normalized(text)).contains(expected);
    }

    @Test
    void textWithoutANumberHasNoValue() {
        assertThat(NumericAnswer.parse("no idea")).isEmpty();
        assertThat(NumericAnswer.parse(null)).isEmpty();
        assertThat(NumericAnswer.parse("x2")).isEmpty();
    }

    @Test
    void exactMatchComparesNumbersNotText() {
        assertThat(NumericAnswer.exactMatch("18.0", List.of("18"))).isEqualTo(1.0);
        assertThat(NumericAnswer.exactMatch("2125", List.of("2,125"))).isEqualTo(1.0);
        assertThat(NumericAnswer.exactMatch("$18", List.of("18"))).isEqualTo(1.0);
        assertThat(NumericAnswer.exactMatch("17", List.of("18"))).isZero();
        assertThat(NumericAnswer.exactMatch("eighteen", List.of("18"))).isZero();
        assertThat(NumericAnswer.exactMatch(null, List.of("18"))).isZero();
    }
}
