package dev.noesis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.noesis.cli.terminal.CancelOnInterrupt;
import dev.noesis.testing.OpenAiFormatServer;
import dev.noesis.testing.ScriptedLanguageModel;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in a real process: the run is cancelled, what it has is reported, and the command exits
 * with the documented code for a run that stopped early (3), not the shell's 130.
 */
class CtrlCTest {

    @TempDir
    Path home;

    @Test
    void ctrlCCancelsTheRunAndExitsWithTheStoppedEarlyCode() throws Exception {
        assumeTrue(
                new File("/bin/kill").canExecute() || new File("/usr/bin/kill").canExecute(),
                "needs kill to send SIGINT");
        // The child inherits this JVM's disposition: where SIGINT is ignored, no Ctrl-C reaches it.
        assumeTrue(
                CancelOnInterrupt.ctrlCReachesThisProcess(),
                "this JVM was started with SIGINT ignored (a background job of a script, nohup)");
        try (OpenAiFormatServer server = new OpenAiFormatServer(ScriptedLanguageModel.replying("too late"), null)) {
            server.delayMs = 120_000; // the model server never answers in time: only Ctrl-C ends the run
            String java = ProcessHandle.current().info().command().orElseThrow();
            ProcessBuilder pb = new ProcessBuilder(
                            java,
                            "--add-modules",
                            "jdk.incubator.vector",
                            "--enable-native-access=ALL-UNNAMED",
                            "-cp",
                            System.getProperty("java.class.path"),
                            Noesis.class.getName(),
                            "ask",
                            "--model",
                            server.baseUrl(),
                            "--model-name",
                            "tiny",
                            "Why is the sky blue?")
                    .redirectOutput(home.resolve("out.txt").toFile())
                    .redirectError(home.resolve("err.txt").toFile());
            pb.environment().put("NOESIS_HOME", home.resolve("noesis").toString());
            Process noesis = pb.start();
            try {
                long until = System.currentTimeMillis() + 60_000;
                while (server.requests.isEmpty() && noesis.isAlive() && System.currentTimeMillis() < until) {
                    Thread.sleep(50);
                }
                assertThat(server.requests)
                        .as("the request reached the model server; stderr: " + err())
                        .isNotEmpty();

                new ProcessBuilder("kill", "-INT", Long.toString(noesis.pid()))
                        .inheritIO()
                        .start()
                        .waitFor();

                boolean exited = noesis.waitFor(30, TimeUnit.SECONDS);
                assertThat(exited)
                        .as(() -> "exited after Ctrl-C; stderr: " + errQuietly() + "\nthreads:\n" + threads(noesis))
                        .isTrue();
                assertThat(noesis.exitValue()).as(err()).isEqualTo(3);
                assertThat(err()).contains("noesis: stopping the run", "the run stopped early");
            } finally {
                noesis.destroyForcibly();
            }
        }
    }

    /** The child's thread dump, so that a run that did not stop says where it was. */
    private static String threads(Process process) {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true)
                    .start();
            String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            dump.waitFor(20, TimeUnit.SECONDS);
            return text;
        } catch (java.io.IOException | InterruptedException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    private String errQuietly() {
        try {
            return err();
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private String err() throws java.io.IOException {
        Path f = home.resolve("err.txt");
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    }
}
