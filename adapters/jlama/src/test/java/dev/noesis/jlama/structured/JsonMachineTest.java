package dev.noesis.jlama.structured;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.structured.JsonSchema;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The recognizer on hand-written inputs. */
class JsonMachineTest {

    private static Cursor feed(String schema, String text) {
        Cursor c = Cursor.start(JsonMachine.compile(JsonSchema.parse(schema).root()));
        return c.advance(text.getBytes(StandardCharsets.UTF_8), 0);
    }

    @Test
    void aPatternRefusesTheFirstByteOfACharacterItCannotTake() {
        String digits = "{\"type\":\"string\",\"pattern\":\"^[0-9]{4}$\"}";
        Cursor afterThree = feed(digits, "\"035");
        for (int lead = 0x80; lead < 0x100; lead++) {
            assertThat(afterThree.advance(lead)).as("lead byte %x", lead).isNull();
        }
        String accented = "{\"type\":\"string\",\"pattern\":\"^[é-ü]+$\"}";
        assertThat(feed(accented, "\"").advance(0xC3)).isNotNull(); // é..ü start with C3
        assertThat(feed(accented, "\"").advance(0xE2)).isNull(); // three-byte characters are out of range
        assertThat(feed(accented, "\"ü\"").complete()).isTrue();
    }

    @Test
    void stringsCountCharactersNotBytesAndRefuseSurrogateEscapes() {
        String three = "{\"type\":\"string\",\"maxLength\":3}";
        assertThat(feed(three, "\"日本語\"").complete()).isTrue();
        assertThat(feed(three, "\"日本語x")).isNull();
        assertThat(feed(three, "\"a\\u00e9\\n\"").complete()).isTrue();
        assertThat(feed(three, "\"\\ud83d")).isNull();
        assertThat(feed(three, "\"\u0001")).isNull(); // raw control characters are not JSON
        assertThat(feed(three, "\"\\x")).isNull();
    }

    @Test
    void whitespaceIsBoundedAndNumbersToo() {
        String obj = "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"number\"}},\"required\":[\"n\"]}";
        assertThat(feed(obj, "{" + " ".repeat(JsonMachine.MAX_WHITESPACE))).isNotNull();
        assertThat(feed(obj, "{" + " ".repeat(JsonMachine.MAX_WHITESPACE + 1))).isNull();
        assertThat(feed(obj, "{\"n\":" + "1".repeat(JsonMachine.MAX_NUMBER_BYTES)))
                .isNotNull();
        assertThat(feed(obj, "{\"n\":" + "1".repeat(JsonMachine.MAX_NUMBER_BYTES + 1)))
                .isNull();
        assertThat(feed(obj, "{\"n\":-0.5e+3}").complete()).isTrue();
        assertThat(feed(obj, "{\"n\":01")).isNull();
        assertThat(feed(obj, "{}")).isNull(); // n is required
    }

    @Test
    void requiredPropertiesMustBeWrittenAndEachKeyOnce() {
        String obj = """
            {"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"boolean"}},"required":["b"]}""";
        assertThat(feed(obj, "{\"a\":1}")).isNull();
        assertThat(feed(obj, "{\"a\":1,\"a\"")).isNull();
        assertThat(feed(obj, "{\"a\":1,\"b\":true}").complete()).isTrue();
        assertThat(feed(obj, "{\"b\":false}").complete()).isTrue();
        assertThat(feed(obj, "{\"c\"")).isNull();
    }

    @Test
    void anyOfKeepsEveryBranchAliveUntilOneIsChosen() {
        String shapes = """
            {"anyOf":[{"type":"object","properties":{"kind":{"const":"circle"},"r":{"type":"number"}},"required":["kind","r"]},
                      {"type":"object","properties":{"kind":{"const":"rect"},"w":{"type":"integer"}},"required":["kind","w"]}]}""";
        assertThat(feed(shapes, "{").positions).hasSize(2);
        assertThat(feed(shapes, "{\"kind\":\"rect\",\"w\":2}").complete()).isTrue();
        assertThat(feed(shapes, "{\"kind\":\"rect\",\"r\"")).isNull();
        assertThat(feed(shapes, "{\"kind\":\"circle\",\"r\":2.5}").complete()).isTrue();
    }

    @Test
    void aNumberAtTheRootEndsWithTheInputOrWhitespace() {
        Cursor c = feed("{\"type\":\"integer\"}", "42");
        assertThat(c.complete()).isFalse();
        assertThat(c.canEnd()).isTrue();
        assertThat(c.advance(' ').complete()).isTrue();
        assertThat(feed("{\"type\":\"integer\"}", "4.2")).isNull();
    }

    @Test
    void enumValuesAreMatchedExactlyIncludingEscapesAndUnicode() {
        String e = "{\"enum\":[\"Grüße – ✓\",\"a\\\"b\",12,1]}";
        assertThat(feed(e, "\"Grüße – ✓\"").complete()).isTrue();
        assertThat(feed(e, "\"a\\\"b\"").complete()).isTrue();
        assertThat(feed(e, "\"Grüsse")).isNull();
        Cursor one = feed(e, "1");
        assertThat(one.complete()).isFalse(); // could still become 12
        assertThat(one.canEnd()).isTrue();
        assertThat(feed(e, "12").complete()).isTrue();
    }
}
