package dev.noesis.wiring;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The temporary folder the launcher gives each Noesis process: {@code <home>/tmp/<pid>}, set as
 * {@code java.io.tmpdir}. Libraries that unpack native code (ONNX Runtime, JNA) leave folders behind
 * in the system's temporary folder; here they stay under the Noesis home, the folder goes when the
 * process ends, and the folders of processes killed before they could clean up go at the next start.
 */
public final class ProcessTempFolder {

    private ProcessTempFolder() {}

    /**
     * When {@code java.io.tmpdir} is a folder named by this process's pid, removes it at exit and
     * sweeps its siblings whose process no longer runs. Otherwise (tests, an embedding application)
     * does nothing: a temporary folder that Noesis did not make is not Noesis's to clean.
     */
    public static void claim() {
        Path folder = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        long pid = ProcessHandle.current().pid();
        if (!folder.getFileName().toString().equals(Long.toString(pid)) || folder.getParent() == null) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(folder), "noesis-tmp-cleanup"));
        sweep(folder.getParent());
    }

    /** Removes the pid-named folders in {@code parent} whose process is gone; leaves everything else. */
    static void sweep(Path parent) {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(parent)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (name.matches("[0-9]{1,19}")
                        && Files.isDirectory(child)
                        && ProcessHandle.of(Long.parseLong(name)).isEmpty()) {
                    deleteQuietly(child);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: a folder left behind costs disk, never a command.
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // Another process's file, or one still open: left for the next sweep.
                }
            });
        } catch (IOException | RuntimeException e) {
            // As above.
        }
    }
}
