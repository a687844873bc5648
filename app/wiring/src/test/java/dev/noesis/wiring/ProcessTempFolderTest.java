package dev.noesis.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTempFolderTest {

    @Test
    void sweepsTheFoldersOfProcessesThatEndedAndKeepsTheRest(@TempDir Path tmp) throws Exception {
        Process ended = new ProcessBuilder("true").start();
        assertThat(ended.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Path deadFolder =
                Files.createDirectories(tmp.resolve(Long.toString(ended.pid())).resolve("onnxruntime-java1"));
        Files.writeString(deadFolder.resolve("libonnxruntime.so"), "x");
        Path alive = Files.createDirectories(
                tmp.resolve(Long.toString(ProcessHandle.current().pid())));
        Path notOurs = Files.createDirectories(tmp.resolve("someone-else"));

        ProcessTempFolder.sweep(tmp);

        assertThat(tmp.resolve(Long.toString(ended.pid()))).doesNotExist();
        assertThat(alive).isDirectory();
        assertThat(notOurs).isDirectory();
    }

    @Test
    void aProcessStartedAsTheLauncherStartsItLeavesNothingBehind(@TempDir Path tmp) throws Exception {
        Process ended = new ProcessBuilder("true").start();
        assertThat(ended.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Path killedEarlier = Files.createDirectories(tmp.resolve(Long.toString(ended.pid())));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // As ./noesis does: a folder named by the shell's pid, which `exec` hands to the JVM.
        String script = "mkdir -p \"$0/$$\" && exec \"$1\" -Djava.io.tmpdir=\"$0/$$\" -cp \"$2\" \"$3\"";
        Process child = new ProcessBuilder(
                        "bash",
                        "-c",
                        script,
                        tmp.toString(),
                        java,
                        System.getProperty("java.class.path"),
                        UnpacksANativeLibrary.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes());
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("wrote " + tmp.resolve(Long.toString(child.pid())));

        assertThat(tmp.resolve(Long.toString(child.pid()))).doesNotExist();
        assertThat(killedEarlier).doesNotExist();
    }

    /** Writes into its temporary folder as ONNX Runtime does, then exits normally. */
    public static final class UnpacksANativeLibrary {
        public static void main(String[] args) throws Exception {
            ProcessTempFolder.claim();
            Path unpacked = Files.createTempDirectory("onnxruntime-java");
            Files.writeString(unpacked.resolve("libonnxruntime.so"), "native code");
            System.out.println("wrote " + unpacked.getParent());
        }
    }
}
