package dev.noesis.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopSequenceFilterTest {

    @Test
    void aStopSplitOverSeveralPiecesIsFoundAndNeverStreamed() {
        List<String> out = new ArrayList<>();
        StopSequenceFilter f = new StopSequenceFilter(List.of("</answer>"), out::add);

        assertThat(f.append("The result is 4<")).isFalse();
        assertThat(f.append("/ans")).isFalse();
        assertThat(f.append("wer> and more")).isTrue();

        assertThat(f.finish()).isEqualTo("The result is 4");
        assertThat(String.join("", out)).isEqualTo("The result is 4");
    }

    @Test
    void textThatOnlyLooksLikeTheStartOfAStopIsReleased() {
        List<String> out = new ArrayList<>();
        StopSequenceFilter f = new StopSequenceFilter(List.of("STOP"), out::add);

        f.append("a ST");
        assertThat(String.join("", out)).isEqualTo("a ");
        f.append("ART");
        assertThat(String.join("", out)).isEqualTo("a START");
        assertThat(f.finish()).isEqualTo("a START");
    }

    @Test
    void theEarliestOfSeveralStopsWins() {
        StopSequenceFilter f = new StopSequenceFilter(List.of("zz", "\n\n"), t -> {});

        assertThat(f.append("one\n\ntwo zz")).isTrue();
        assertThat(f.finish()).isEqualTo("one");
    }

    @Test
    void withoutStopsEverythingStreamsAtOnce() {
        List<String> out = new ArrayList<>();
        StopSequenceFilter f = new StopSequenceFilter(List.of(), out::add);

        f.append("abc");
        f.append("def");

        assertThat(out).containsExactly("abc", "def");
        assertThat(f.finish()).isEqualTo("abcdef");
    }
}
