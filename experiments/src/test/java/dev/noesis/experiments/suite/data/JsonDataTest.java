package dev.noesis.experiments.suite.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonDataTest {

    @TempDir
    Path dir;

    @Test
    void arrayElementsComeOneByOneWithTheLineEachStartsOn() throws IOException {
        Path file = Files.writeString(dir.resolve("a.json"), "[\n  {\"a\": 1},\n  {\"a\": 2,\n   \"b\": 3}\n]\n");
        List<String> seen = new ArrayList<>();

        JsonData.eachElement(file, (record, line) -> seen.add(record.get("a").asInt() + "@" + line));

        assertThat(seen).containsExactly("1@2", "2@3");
    }

    @Test
    void brokenOrCutJsonIsReportedWithItsFileAndLine() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.json"), "[\n {\"a\": 1},\n {\"a\" 2}\n]");
        Path notArray = Files.writeString(dir.resolve("object.json"), "{\"a\": 1}");
        Path cut = Files.writeString(dir.resolve("cut.json"), "[\n {\"a\": 1},\n");

        assertThatThrownBy(() -> JsonData.eachElement(broken, (r, l) -> {}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(broken + ":3: this is not valid JSON");
        assertThatThrownBy(() -> JsonData.eachElement(notArray, (r, l) -> {}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(notArray + ":1: expected a JSON array");
        assertThatThrownBy(() -> JsonData.eachElement(cut, (r, l) -> {})).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void jsonLinesSkipBlankLinesAndCountEveryLine() throws IOException {
        Path file = Files.writeString(dir.resolve("l.jsonl"), "\uFEFF{\"a\": 1}\n\n{\"a\": 2}\n");
        List<String> seen = new ArrayList<>();

        JsonData.eachLine(file, (record, line) -> seen.add(record.get("a").asInt() + "@" + line));

        assertThat(seen).containsExactly("1@1", "2@3");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() throws IOException {
        Path file = Files.write(
                dir.resolve("latin1.jsonl"), new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}'});

        assertThatThrownBy(() -> JsonData.eachLine(file, (r, l) -> {}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not UTF-8");
    }
}
