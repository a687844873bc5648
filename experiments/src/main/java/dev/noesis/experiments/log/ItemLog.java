package dev.noesis.experiments.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The durable per-item log of a run: each finished item appended as one JSON line and forced to the
 * disk ({@link FileChannel#force}) before {@link #append} returns, so that a run killed at any moment
 * loses at most the records not yet appended, and a resumed run redoes exactly the items not in the log.
 *
 * <p>Opening repairs what a kill leaves: a record cut short after the last complete line is cut off
 * (and forced) before anything is appended, so the next record starts on a line of its own. A record
 * whose key the log already holds is refused, so that no item is ever counted twice, unless it is
 * the next attempt at an item whose record says it failed ({@link #supersedes}): a resumed run may
 * retry a failure, and readers keep the latest attempt in the failure's place. Appends are
 * serialised, for runs that score several items at once.
 */
public final class ItemLog implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final Map<ItemKey, ItemRecord> keys;
    private final long repairedBytes;
    private final String configHash;
    private boolean broken;

    private ItemLog(
            Path file, FileChannel channel, Map<ItemKey, ItemRecord> keys, long repairedBytes, String configHash) {
        this.file = file;
        this.channel = channel;
        this.keys = keys;
        this.repairedBytes = repairedBytes;
        this.configHash = configHash;
    }

    /** Opens (or creates) the log at {@code file}, accepting records of any config. */
    public static ItemLog open(Path file) {
        return open(file, null);
    }

    /**
     * Opens (or creates) the log at {@code file}.
     *
     * @param configHash the only config hash its records may carry (read and appended), or null for any
     */
    public static ItemLog open(Path file, String configHash) {
        boolean created = !Files.exists(file);
        LogContents contents = ItemLogReader.read(file, configHash);
        Map<ItemKey, ItemRecord> keys = new HashMap<>();
        contents.records().forEach(r -> keys.put(r.key(), r));
        try {
            FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                if (channel.size() > contents.completeBytes()) {
                    // A record cut short by a kill. No other writer can be mid-record: a run folder
                    // is held by one run at a time.
                    channel.truncate(contents.completeBytes());
                    channel.force(true);
                }
                channel.position(channel.size());
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            if (created) {
                DurableFiles.syncFolder(file.toAbsolutePath().getParent());
            }
            return new ItemLog(file, channel, keys, contents.tornBytes(), configHash);
        } catch (IOException e) {
            throw new UncheckedIOException("The item log " + file + " could not be opened: " + e.getMessage(), e);
        }
    }

    /** The log's file. */
    public Path file() {
        return file;
    }

    /** Whether the log holds a record for {@code key}. */
    public synchronized boolean contains(ItemKey key) {
        return keys.containsKey(key);
    }

    /** The latest record for {@code key}, if the log holds one. */
    public synchronized Optional<ItemRecord> latest(ItemKey key) {
        return Optional.ofNullable(keys.get(key));
    }

    /** Whether {@code next} may follow {@code logged} in a log: the next attempt at an item that failed. */
    public static boolean supersedes(ItemRecord next, ItemRecord logged) {
        return logged.outcome() == Outcome.FAILED
                && next.key().equals(logged.key())
                && next.attemptNumber() == logged.attemptNumber() + 1;
    }

    /** The keys of every record in the log. */
    public synchronized Set<ItemKey> keys() {
        return Collections.unmodifiableSet(new HashSet<>(keys.keySet()));
    }

    /** The number of records in the log. */
    public synchronized int size() {
        return keys.size();
    }

    /** The bytes of a record cut short that opening removed (0 when the log ended cleanly). */
    public long repairedBytes() {
        return repairedBytes;
    }

    /**
     * Appends {@code record} as one line and forces it to the disk.
     *
     * @throws IllegalStateException when the log already holds a record for its key, or the record
     *                               belongs to another config than the log's
     */
    public void append(ItemRecord record) {
        appendAll(List.of(record));
    }

    /**
     * Appends {@code records}, one line each, and forces them to the disk together: one force for
     * many records, for runs with many items in flight (group commit). All or none are accepted: each
     * is checked before any is written.
     *
     * @throws IllegalStateException when the log already holds a record for one of their keys, two of
     *                               them share a key, or one belongs to another config than the log's
     */
    public synchronized void appendAll(List<ItemRecord> records) {
        if (broken) {
            throw new IllegalStateException(
                    "The item log " + file + " failed an earlier write and takes no more records.");
        }
        List<ItemRecord> batch = new ArrayList<>(records.size());
        Set<ItemKey> seen = new HashSet<>();
        StringBuilder lines = new StringBuilder();
        for (ItemRecord record : records) {
            if (configHash != null && !configHash.equals(record.configHash())) {
                throw new IllegalStateException("A record of config " + record.configHash() + " does not belong in "
                        + file + ", whose config is " + configHash + ".");
            }
            ItemKey key = record.key();
            ItemRecord logged = keys.get(key);
            if ((logged != null && !supersedes(record, logged)) || !seen.add(key)) {
                throw new IllegalStateException("The item log " + file + " already holds " + key + ".");
            }
            try {
                lines.append(LogJson.MAPPER.writeValueAsString(record)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(
                        "The record of " + key + " cannot be written as JSON: " + e.getOriginalMessage(), e);
            }
            batch.add(record);
        }
        if (batch.isEmpty()) {
            return;
        }
        byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
        long before;
        try {
            before = channel.position();
        } catch (IOException e) {
            throw new UncheckedIOException("The item log " + file + " could not be written: " + e.getMessage(), e);
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            // Leave no partial line for the next record to follow; if even that fails, refuse further
            // appends and let the next open cut it off.
            try {
                channel.truncate(before);
                channel.position(before);
            } catch (IOException ignored) {
                broken = true;
            }
            throw new UncheckedIOException("The item log " + file + " could not be written: " + e.getMessage(), e);
        }
        batch.forEach(r -> keys.put(r.key(), r));
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("The item log " + file + " could not be closed: " + e.getMessage(), e);
        }
    }
}
