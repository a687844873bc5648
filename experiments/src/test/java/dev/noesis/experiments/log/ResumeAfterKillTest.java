package dev.noesis.experiments.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability: a run killed with SIGKILL, once between items and once in the middle of writing one,
 * then started again with the same config, ends with every item logged exactly once, none lost, none
 * duplicated, and a log in which every line is a whole record.
 */
class ResumeAfterKillTest {

    private static final int ITEMS = 30;

    @TempDir
    Path work;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aKilledRunResumesWithNoItemLostAndNoneDuplicated() throws Exception {
        Path folder = work.resolve("run");

        // 1. Killed at some moment while scoring, after at least 8 durable appends.
        Child first = Child.start(folder, 40, -1);
        List<String> firstAppended = first.readUntil("APPENDED ", 8);
        first.kill();
        assertThat(first.sawDone).isFalse();
        int afterFirst =
                ItemLogReader.read(folder.resolve(RunDirectory.ITEMS)).records().size();
        assertThat(afterFirst)
                .as("every acknowledged append survived the kill")
                .isGreaterThanOrEqualTo(firstAppended.size());

        // 2. Resumed, then killed in the middle of writing a record.
        Child second = Child.start(folder, 10, 5);
        List<String> secondAppended = second.readUntil("APPENDED ", 5);
        second.readUntil("TORN", 1);
        second.kill();
        assertThat(secondAppended)
                .as("the resumed run skipped what was logged")
                .doesNotContainAnyElementsOf(firstAppended);
        LogContents torn = ItemLogReader.read(folder.resolve(RunDirectory.ITEMS));
        assertThat(torn.torn()).as("a record cut short is on disk").isTrue();
        assertThat(torn.records()).hasSize(afterFirst + 5);

        // 3. Resumed again, to the end.
        Child third = Child.start(folder, 1, -1);
        third.readUntil("DONE", 1);
        assertThat(third.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(third.process.exitValue()).isZero();

        LogContents done = ItemLogReader.read(folder.resolve(RunDirectory.ITEMS));
        assertThat(done.torn()).isFalse();
        List<String> ids = done.records().stream().map(ItemRecord::itemId).toList();
        assertThat(ids)
                .as("every item exactly once")
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, ITEMS).mapToObj(SlowAppender::id).toList());
        assertThat(Files.readAllLines(folder.resolve(RunDirectory.ITEMS), StandardCharsets.UTF_8))
                .hasSize(ITEMS)
                .allSatisfy(line -> assertThat(
                                LogJson.MAPPER.readTree(line).get("item_id").asText())
                        .startsWith("gsm8k-"));
        String hash = LogJson.MAPPER
                .readTree(folder.resolve(RunDirectory.MANIFEST).toFile())
                .get("config_hash")
                .asText();
        assertThat(done.records()).allSatisfy(r -> assertThat(r.configHash()).isEqualTo(hash));
    }

    /** A child JVM running {@link SlowAppender}. */
    private static final class Child {

        final Process process;
        final BufferedReader out;
        boolean sawDone;

        private Child(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static Child start(Path folder, long delayMs, int tearAfter) throws IOException {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> cmd = new ArrayList<>(List.of(
                    java,
                    "-Xmx128m",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    classPath,
                    SlowAppender.class.getName(),
                    folder.toString(),
                    Integer.toString(ITEMS),
                    Long.toString(delayMs)));
            if (tearAfter >= 0) {
                cmd.add(Integer.toString(tearAfter));
            }
            return new Child(new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start());
        }

        /** Reads lines until {@code count} of them start with {@code prefix}; returns what follows the prefix. */
        List<String> readUntil(String prefix, int count) throws IOException {
            List<String> seen = new ArrayList<>();
            String line;
            while (seen.size() < count && (line = out.readLine()) != null) {
                if (line.equals("DONE")) {
                    sawDone = true;
                }
                if (line.startsWith(prefix)) {
                    seen.add(line.substring(prefix.length()));
                }
            }
            assertThat(seen).as("the child printed " + count + " × " + prefix).hasSize(count);
            return seen;
        }

        /** SIGKILL: no shutdown hooks, no closing of the log, no release of the lock but the OS's. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
        }
    }
}
