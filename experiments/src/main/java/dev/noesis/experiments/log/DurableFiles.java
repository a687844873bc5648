package dev.noesis.experiments.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes that survive a crash: data forced to the disk, new names made durable in their folder. */
public final class DurableFiles {

    private DurableFiles() {}

    /**
     * Forces a folder's entries (a file just created or renamed in it) to the disk. Where the platform
     * cannot open a folder for this (Windows), the file system's own ordering is all there is, and
     * the call does nothing.
     */
    static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported here; see above.
        }
    }

    /** Replaces {@code target} with {@code bytes} so that a crash leaves either the old file or the new one, whole. */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        write(temporary, bytes, true);
        rename(temporary, target);
        syncFolder(target.toAbsolutePath().getParent());
    }

    /**
     * Replaces {@code target} with {@code bytes}, written to {@code temporary} and renamed into place,
     * so that no reader ever sees it half written. Nothing is forced to the disk: for files a power
     * cut may lose without harm (a trace, a cache entry), where a flush per file would cost more than
     * it buys.
     */
    public static void replaceWhole(Path temporary, Path target, byte[] bytes) throws IOException {
        write(temporary, bytes, false);
        rename(temporary, target);
    }

    private static void write(Path file, byte[] bytes, boolean force) throws IOException {
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (force) {
                channel.force(true);
            }
        }
    }

    private static void rename(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
