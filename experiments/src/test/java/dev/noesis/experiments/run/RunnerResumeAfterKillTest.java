package dev.noesis.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.experiments.log.ItemKey;
import dev.noesis.experiments.log.ItemLogReader;
import dev.noesis.experiments.log.ItemRecord;
import dev.noesis.experiments.log.RunDirectory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability of the runner itself: a run with several items in flight, killed with SIGKILL twice,
 * then started again with the same spec, ends with every item run logged exactly once, and the results
 * built from that log.
 */
class RunnerResumeAfterKillTest {

    /** 2 pipelines × 2 seeds × 20 items. */
    private static final int TOTAL = 80;

    @TempDir
    Path work;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aKilledRunResumesWithEveryItemRunOnce() throws Exception {
        Path folder = work.resolve("run");

        Child first = Child.start(folder, 30, 4);
        List<String> firstLogged = first.readUntil("LOGGED ", 10);
        first.kill();
        int afterFirst = records(folder).size();
        assertThat(afterFirst).as("every acknowledged record survived").isGreaterThanOrEqualTo(firstLogged.size());

        Child second = Child.start(folder, 30, 2);
        List<String> secondLogged = second.readUntil("LOGGED ", 10);
        second.kill();
        assertThat(secondLogged).as("the resumed run skipped what was logged").doesNotContainAnyElementsOf(firstLogged);

        Child third = Child.start(folder, 0, 3);
        third.readUntil("DONE", 1);
        assertThat(third.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(third.process.exitValue()).isZero();

        List<ItemRecord> all = records(folder);
        Set<ItemKey> keys = new HashSet<>();
        all.forEach(r -> keys.add(r.key()));
        assertThat(all).hasSize(TOTAL);
        assertThat(keys).hasSize(TOTAL);
        assertThat(ItemLogReader.read(folder.resolve(RunDirectory.ITEMS)).torn())
                .isFalse();
        assertThat(folder.resolve(LoggedResults.RESULTS)).exists();
        assertThat(LoggedResults.read(folder, dev.noesis.experiments.run.cost.CostModel.NONE)
                        .arms())
                .allSatisfy(a -> assertThat(a.runs()).isEqualTo(40));
    }

    private static List<ItemRecord> records(Path folder) {
        return ItemLogReader.read(folder.resolve(RunDirectory.ITEMS)).records();
    }

    /** A child JVM running {@link SlowExperiment}. */
    private static final class Child {

        final Process process;
        final BufferedReader out;

        private Child(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static Child start(Path folder, long delayMs, int parallel) throws IOException {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> cmd = List.of(
                    java,
                    "-Xmx128m",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    classPath,
                    SlowExperiment.class.getName(),
                    folder.toString(),
                    Long.toString(delayMs),
                    Integer.toString(parallel));
            return new Child(new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start());
        }

        List<String> readUntil(String prefix, int count) throws IOException {
            List<String> seen = new ArrayList<>();
            String line;
            while (seen.size() < count && (line = out.readLine()) != null) {
                if (line.startsWith(prefix)) {
                    seen.add(line.substring(prefix.length()));
                }
            }
            assertThat(seen).as("the child printed " + count + " × " + prefix).hasSize(count);
            return seen;
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
        }
    }
}
