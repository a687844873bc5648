package dev.noesis.experiments.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.noesis.core.error.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A run's folder: {@value #MANIFEST} (the experiment config and its hash), {@value #ITEMS} (the
 * per-item log) and a lock that keeps a second run out while one is writing.
 *
 * <p>Opening a folder with the same config (equal in {@link CanonicalJson canonical form}) resumes the
 * run: the log's records are kept and a runner skips the items they cover. Opening it with another
 * config is refused, naming the first key that differs, so that items of two experiments are never
 * mixed in one set of statistics; every record in the log must carry the manifest's hash too.
 */
public final class RunDirectory implements AutoCloseable {

    public static final String MANIFEST = "manifest.json";
    public static final String ITEMS = "items.jsonl";
    static final String LOCK = ".lock";

    private final Path folder;
    private final RunManifest manifest;
    private final boolean resumed;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ItemLog items;

    private RunDirectory(
            Path folder, RunManifest manifest, boolean resumed, FileChannel lockChannel, FileLock lock, ItemLog items) {
        this.folder = folder;
        this.manifest = manifest;
        this.resumed = resumed;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.items = items;
    }

    /** Starts a run of {@code config} in {@code folder}, or resumes the one it holds. */
    public static RunDirectory open(Path folder, JsonNode config) {
        return open(folder, config, Clock.systemUTC());
    }

    static RunDirectory open(Path folder, JsonNode config, Clock clock) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("The run folder " + folder + " could not be created: " + e.getMessage(), e);
        }
        FileChannel lockChannel = null;
        try {
            lockChannel = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(lockChannel);
            if (lock == null) {
                throw new InvalidInputException("The run folder " + folder + " is in use by another run.");
            }
            Path manifestFile = folder.resolve(MANIFEST);
            RunManifest manifest;
            boolean resumed = Files.exists(manifestFile);
            if (resumed) {
                manifest = read(manifestFile);
                String hash = CanonicalJson.hash(config);
                if (!hash.equals(manifest.configHash())) {
                    ConfigDifference d = ConfigDifference.first(manifest.config(), config)
                            .orElse(new ConfigDifference("(the whole config)", manifest.configHash(), hash));
                    throw new InvalidInputException(
                            "The run folder " + folder + " holds another experiment: its config differs at '"
                                    + d.path() + "' (" + d.left() + " in the folder, " + d.right()
                                    + " now). A run folder only resumes"
                                    + " the experiment it was started with.");
                }
            } else {
                refuseForeignFiles(folder);
                manifest = RunManifest.of(config, clock.instant());
                DurableFiles.writeAtomically(
                        manifestFile,
                        LogJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            }
            ItemLog items = ItemLog.open(folder.resolve(ITEMS), manifest.configHash());
            return new RunDirectory(folder, manifest, resumed, lockChannel, lock, items);
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new UncheckedIOException("The run folder " + folder + " could not be opened: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    /** The folder. */
    public Path folder() {
        return folder;
    }

    /** The config and its hash, as the folder holds them. */
    public RunManifest manifest() {
        return manifest;
    }

    /** Whether the folder held this run already (and the log may hold finished items). */
    public boolean resumed() {
        return resumed;
    }

    /** The per-item log, open for appending. */
    public ItemLog items() {
        return items;
    }

    @Override
    public void close() {
        try {
            items.close();
        } finally {
            try {
                lock.release();
            } catch (IOException e) {
                // Closing the channel releases the lock as well.
            }
            closeQuietly(lockChannel);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Held by this process already, through another RunDirectory.
            return null;
        }
    }

    private static RunManifest read(Path manifestFile) throws IOException {
        RunManifest manifest;
        try {
            manifest = LogJson.MAPPER.readValue(manifestFile.toFile(), RunManifest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidInputException("The run manifest " + manifestFile + " is not readable: "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()) + ".");
        }
        if (!RunManifest.FORMAT.equals(manifest.format())) {
            throw new InvalidInputException("The run manifest " + manifestFile + " is of format '" + manifest.format()
                    + "'; this version reads '" + RunManifest.FORMAT + "'.");
        }
        if (!CanonicalJson.hash(manifest.config()).equals(manifest.configHash())) {
            throw new InvalidInputException("The run manifest " + manifestFile
                    + " has been edited: its config no longer" + " matches its hash " + manifest.configHash() + ".");
        }
        return manifest;
    }

    /** A new run starts in an empty folder only, so that it never mixes its files with anything else's. */
    private static void refuseForeignFiles(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            // Besides the lock, a manifest written but not yet renamed when a start was killed is ours.
            Optional<Path> foreign = entries.filter(
                            p -> !p.getFileName().toString().equals(LOCK)
                                    && !p.getFileName().toString().equals(MANIFEST + ".tmp"))
                    .findFirst();
            if (foreign.isPresent()) {
                throw new InvalidInputException(
                        "The folder " + folder + " is not empty and is not a run folder (it has "
                                + foreign.get().getFileName() + " but no " + MANIFEST
                                + "); a run starts in a new or empty folder.");
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing left to release.
            }
        }
    }
}
