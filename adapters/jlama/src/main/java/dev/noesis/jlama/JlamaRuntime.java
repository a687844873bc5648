package dev.noesis.jlama;

import com.github.tjake.jlama.tensor.operations.TensorOperationsProvider;
import com.github.tjake.jlama.util.PhysicalCoreExecutor;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.NoesisException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jlama's settings that belong to the whole process.
 *
 * <p>Jlama runs every model on one thread pool whose size can be set only once per JVM (a second
 * attempt throws "Executor already started"), so the thread count is chosen here, before the
 * first model loads, and models are shared through a registry rather than loaded twice. KV-cache
 * pages are files; they go into folders under a work root that Noesis owns and cleans up,
 * including what a killed process left behind.
 */
public final class JlamaRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(JlamaRuntime.class);
    private static final String NATIVE = "Native SIMD Operations";
    private static final AtomicInteger WORK_DIRS = new AtomicInteger();

    private static Integer threads;
    private static Path workRoot = Path.of(System.getProperty("java.io.tmpdir"), "noesis-work");
    private static boolean workRootSwept;
    private static String computePath;

    private JlamaRuntime() {}

    /**
     * Sets the number of threads Jlama computes with. Allowed until the first model loads;
     * after that only the same number is accepted.
     */
    public static synchronized void useThreads(int n) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (n < 1 || n > cores) {
            throw new InvalidInputException("The Jlama thread count must be between 1 and " + cores
                    + " (the processors this machine offers), got " + n + ".");
        }
        if (threads != null) {
            if (threads != n) {
                throw new InvalidInputException("Jlama is already running with " + threads + " threads in this process;"
                        + " the thread count can only be chosen before the first model loads.");
            }
            return;
        }
        PhysicalCoreExecutor.overrideThreadCount(n);
        threads = n;
    }

    /** The threads Jlama computes with (starting its pool with the default count if nothing was chosen). */
    public static synchronized int threads() {
        if (threads == null) {
            threads = PhysicalCoreExecutor.instance.get().getCoreCount();
        }
        return threads;
    }

    /** Where KV-cache folders go. Set it before the first model loads. */
    public static synchronized void useWorkRoot(Path root) {
        workRoot = root.toAbsolutePath();
        workRootSwept = false;
    }

    /**
     * Jlama's compute path: its native SIMD kernels ({@code jlama-native}) or the slower pure
     * Vector API fallback. Logged once, since the difference is 2 to 10 times in speed.
     */
    public static synchronized String computePath() {
        if (computePath == null) {
            computePath = TensorOperationsProvider.get().name();
            if (usesNativeKernels()) {
                LOG.info("Jlama compute path: {} with {} threads", computePath, threads());
            } else {
                LOG.warn(
                        "Jlama compute path: {} (jlama-native is not available for this platform; generation is"
                                + " about 2x and prompt processing up to 10x slower than with it)",
                        computePath);
            }
        }
        return computePath;
    }

    public static boolean usesNativeKernels() {
        return NATIVE.equals(computePath());
    }

    /** A new, empty folder for one loaded model's KV-cache pages. The caller deletes it when done. */
    static synchronized Path newWorkDir() {
        try {
            Files.createDirectories(workRoot);
            if (!workRootSwept) {
                sweepAbandoned();
                workRootSwept = true;
            }
            long pid = ProcessHandle.current().pid();
            return Files.createDirectory(workRoot.resolve("kv-" + pid + "-" + WORK_DIRS.incrementAndGet()));
        } catch (IOException e) {
            throw new NoesisException(
                    "Cannot create a work folder under " + workRoot + " for the model's KV cache: " + e.getMessage()
                            + ". Check that the folder is writable, or choose another with noesis.home.",
                    e);
        }
    }

    /** Deletes folders left by processes that no longer run (killed, or crashed before cleaning up). */
    private static void sweepAbandoned() throws IOException {
        try (Stream<Path> dirs = Files.list(workRoot)) {
            dirs.filter(JlamaRuntime::ownerIsGone).forEach(JlamaRuntime::deleteTree);
        }
    }

    private static boolean ownerIsGone(Path dir) {
        String[] parts = dir.getFileName().toString().split("-");
        if (parts.length != 3 || !parts[0].equals("kv")) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(parts[1])).isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.getMessage());
        }
    }
}
