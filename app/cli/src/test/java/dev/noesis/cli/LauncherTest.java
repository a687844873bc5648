package dev.noesis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher leaves the Vector API (an incubator module, which the JVM announces on stderr at
 * every start) to the commands that may load a model; the others must then run without it.
 */
class LauncherTest {

    private static final Path JDK_SCRIPT =
            Path.of("../../scripts/jdk.sh").toAbsolutePath().normalize();

    @Test
    void onlyCommandsThatMayLoadAModelGetTheVectorApi() throws Exception {
        assertThat(needsVector("ask", "What is 2+2?")).isTrue();
        assertThat(needsVector("-v", "demo")).isTrue();
        assertThat(needsVector("model", "bench", "dir")).isTrue();
        assertThat(needsVector("eval", "retrieval")).isTrue();
        assertThat(needsVector("memory", "stats")).isFalse();
        assertThat(needsVector("--verbose", "search", "rivers")).isFalse();
        assertThat(needsVector("ingest", "docs")).isFalse();
        assertThat(needsVector("pipelines", "list")).isFalse();
        assertThat(needsVector("--help")).isFalse();
        assertThat(needsVector()).isFalse();
    }

    @Test
    void commandsWithoutTheVectorApiRunAndPrintNoJvmWarning(@TempDir Path home) throws Exception {
        for (List<String> command :
                List.of(List.of("--help"), List.of("pipelines", "list"), List.of("index", "--help"))) {
            List<String> line = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Noesis.class.getName()));
            line.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(line);
            pb.environment().put("NOESIS_HOME", home.toString());
            Path err = home.resolve("stderr.txt");
            Process p = pb.redirectError(err.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String stderr = Files.readString(err);
            assertThat(p.exitValue()).as(command + ": " + stderr).isZero();
            assertThat(stderr).as(command.toString()).doesNotContain("WARNING");
        }
    }

    private static boolean needsVector(String... args) throws Exception {
        List<String> line = new ArrayList<>(
                List.of("bash", "-c", ". \"$0\" && noesis_command_needs_vector \"$@\"", JDK_SCRIPT.toString()));
        line.addAll(List.of(args));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0;
    }
}
