package dev.noesis.experiments.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-item log: what is appended reads back, a torn last line is ignored and cut off, nothing is counted twice. */
class ItemLogTest {

    private static final String HASH = "sha256:ab";

    @TempDir
    Path folder;

    @Test
    void appendedRecordsReadBackInOrder() {
        Path file = folder.resolve("items.jsonl");
        try (ItemLog log = ItemLog.open(file, HASH)) {
            log.append(TestRecords.completed("q1", HASH));
            log.append(TestRecords.completed("q2", HASH));
            assertThat(log.size()).isEqualTo(2);
            assertThat(log.contains(TestRecords.completed("q2", HASH).key())).isTrue();
        }
        LogContents contents = ItemLogReader.read(file, HASH);
        assertThat(contents.records()).extracting(ItemRecord::itemId).containsExactly("q1", "q2");
        assertThat(contents.torn()).isFalse();
        try (ItemLog reopened = ItemLog.open(file, HASH)) {
            assertThat(reopened.size()).isEqualTo(2);
            assertThat(reopened.repairedBytes()).isZero();
        }
    }

    @Test
    void aBatchIsAppendedWholeOrNotAtAll() {
        Path file = folder.resolve("items.jsonl");
        try (ItemLog log = ItemLog.open(file, HASH)) {
            log.appendAll(java.util.List.of(TestRecords.completed("q1", HASH), TestRecords.completed("q2", HASH)));
            assertThatThrownBy(() -> log.appendAll(
                            java.util.List.of(TestRecords.completed("q3", HASH), TestRecords.completed("q1", HASH))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("item 'q1'");
            assertThatThrownBy(() -> log.appendAll(
                            java.util.List.of(TestRecords.completed("q4", HASH), TestRecords.completed("q4", HASH))))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(log.size()).isEqualTo(2);
            assertThat(log.contains(TestRecords.completed("q3", HASH).key())).isFalse();
        }
        assertThat(ItemLogReader.read(file, HASH).records())
                .extracting(ItemRecord::itemId)
                .containsExactly("q1", "q2");
    }

    @Test
    void aTornLastLineIsIgnoredThenCutOffBeforeTheNextAppend() throws Exception {
        Path file = folder.resolve("items.jsonl");
        try (ItemLog log = ItemLog.open(file, HASH)) {
            log.append(TestRecords.completed("q1", HASH));
            log.append(TestRecords.completed("q2", HASH));
        }
        long clean = Files.size(file);
        String third = LogJson.MAPPER.writeValueAsString(TestRecords.completed("q3", HASH));
        // What a SIGKILL in the middle of a write leaves: half a record, no newline.
        Files.writeString(file, third.substring(0, third.length() / 2), StandardOpenOption.APPEND);

        LogContents torn = ItemLogReader.read(file, HASH);
        assertThat(torn.records()).extracting(ItemRecord::itemId).containsExactly("q1", "q2");
        assertThat(torn.tornBytes()).isEqualTo(third.length() / 2);
        assertThat(torn.completeBytes()).isEqualTo(clean);
        assertThat(Files.size(file)).as("reading changes nothing").isEqualTo(clean + third.length() / 2);

        try (ItemLog log = ItemLog.open(file, HASH)) {
            assertThat(log.repairedBytes()).isEqualTo(third.length() / 2);
            assertThat(Files.size(file)).isEqualTo(clean);
            assertThat(log.contains(TestRecords.completed("q3", HASH).key()))
                    .as("the torn item is not done")
                    .isFalse();
            log.append(TestRecords.completed("q3", HASH));
        }
        LogContents repaired = ItemLogReader.read(file, HASH);
        assertThat(repaired.records()).extracting(ItemRecord::itemId).containsExactly("q1", "q2", "q3");
        assertThat(repaired.torn()).isFalse();
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(3);
    }

    @Test
    void aCompleteLineThatIsNoRecordIsRefusedWithItsLineNumber() throws Exception {
        Path file = folder.resolve("items.jsonl");
        try (ItemLog log = ItemLog.open(file, HASH)) {
            log.append(TestRecords.completed("q1", HASH));
        }
        Files.writeString(file, "{\"item_id\": \"q2\", oops\n", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> ItemLogReader.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ":2: this line is not an item record");
        assertThatThrownBy(() -> ItemLog.open(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(":2:");
    }

    @Test
    void noItemIsRecordedTwice() throws Exception {
        Path file = folder.resolve("items.jsonl");
        try (ItemLog log = ItemLog.open(file, HASH)) {
            log.append(TestRecords.completed("q1", HASH));
            log.append(TestRecords.completed("q1", HASH, 1));
            assertThatThrownBy(() -> log.append(TestRecords.completed("q1", HASH)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already holds gsm8k/raw")
                    .hasMessageContaining("seed 0: item 'q1'");
            assertThat(log.size()).isEqualTo(2);
        }
        // A duplicate that got into the file by other means is refused on reading.
        String again = LogJson.MAPPER.writeValueAsString(TestRecords.completed("q1", HASH)) + "\n";
        Files.writeString(file, again, StandardOpenOption.APPEND);
        assertThatThrownBy(() -> ItemLogReader.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(":3: a second record for")
                .hasMessageContaining("already recorded on line 1");
    }

    @Test
    void recordsOfAnotherConfigAreRefused() throws Exception {
        Path file = folder.resolve("items.jsonl");
        try (ItemLog log = ItemLog.open(file, HASH)) {
            assertThatThrownBy(() -> log.append(TestRecords.completed("q1", "sha256:other")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("sha256:other");
            assertThat(log.size()).isZero();
        }
        try (ItemLog any = ItemLog.open(file)) {
            any.append(TestRecords.completed("q1", "sha256:other"));
        }
        assertThatThrownBy(() -> ItemLog.open(file, HASH))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file
                        + ":1: this record belongs to another experiment (config sha256:other; the run folder's is "
                        + HASH + ").");
    }
}
