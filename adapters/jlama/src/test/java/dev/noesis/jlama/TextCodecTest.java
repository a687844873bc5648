package dev.noesis.jlama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.jlama.testing.TinyModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Encoding and decoding through the real tokenizer of the tiny model. */
class TextCodecTest {

    private static TextCodec codec;

    @BeforeAll
    static void load() {
        codec = TextCodec.load(TinyModels.standard());
    }

    @AfterAll
    static void close() {
        codec.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Grüße für dich – 5€ ✓ 日本語",
                "plain ASCII, with punctuation!",
                "emoji 🙂 and 𝄞 outside the BMP",
                "  leading spaces and\nnew lines\ttabs"
            })
    void textSurvivesEncodeAndDecode(String text) {
        assertThat(codec.decode(codec.encode(text))).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Grüße für dich – 5€ ✓ 日本語", "emoji 🙂 and 𝄞", "the water rose"})
    void streamingDecodeNeverSplitsACharacterAndJoinsToTheWhole(String text) {
        int[] ids = codec.encode(text);
        TextCodec.StreamDecoder decoder = codec.streamDecoder();
        List<String> pieces = new ArrayList<>();
        for (int id : ids) {
            String piece = decoder.push(id);
            if (!piece.isEmpty()) {
                pieces.add(piece);
            }
        }
        pieces.add(decoder.flush());

        assertThat(String.join("", pieces)).isEqualTo(codec.decode(ids));
        assertThat(pieces).noneMatch(p -> p.contains("\uFFFD"));
        assertThat(pieces).noneMatch(p -> !p.isEmpty() && Character.isLowSurrogate(p.charAt(0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"日本語"})
    void characterOutsideTheVocabularyFallBackToBytes(String text) {
        int[] ids = codec.encode(text);
        // The tiny vocabulary has no CJK tokens: each character is three UTF-8 byte tokens.
        assertThat(ids.length).isGreaterThanOrEqualTo(9);
    }
}
