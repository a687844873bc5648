package dev.noesis.experiments.run.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.experiments.log.CanonicalJson;
import dev.noesis.experiments.log.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Model-call results on disk, one file per call under a root folder ({@code ab/abcdef….json}, named
 * by the {@link CallKey}'s hash), bounded in bytes: when a write takes the total past the bound, the
 * least recently used entries go first. Recency is the file's modification time, touched on every
 * hit, so it survives restarts.
 *
 * <p>Writes are atomic: an entry is written to a temporary file, forced to the disk and renamed, so a
 * kill leaves either no entry or a whole one. An entry is served only if it parses and holds the
 * very key asked for (so neither a torn file nor a hash collision is ever served); one that does not
 * is deleted and counts as a miss. Safe for use from many threads, and by one process at a time.
 */
public final class ModelCallCache {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = ".json";

    private final Path root;
    private final long maxBytes;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong clock = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    private record Entry(long size, long lastUsed) {}

    private ModelCallCache(Path root, long maxBytes) {
        this.root = root;
        this.maxBytes = maxBytes;
    }

    /**
     * Opens (or creates) the cache in {@code root}, holding at most {@code maxBytes}; removes what a
     * killed write left and, when the folder holds more than the bound, the oldest entries.
     */
    public static ModelCallCache open(Path root, long maxBytes) {
        if (maxBytes < 1) {
            throw new InvalidInputException(
                    "A model-call cache needs a bound of at least 1 byte, not " + maxBytes + ".");
        }
        ModelCallCache cache = new ModelCallCache(root, maxBytes);
        try {
            Files.createDirectories(root);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root, 2)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    Files.deleteIfExists(f);
                } else if (name.endsWith(SUFFIX)) {
                    long size = Files.size(f);
                    long used = Files.getLastModifiedTime(f).toMillis();
                    cache.entries.put(name.substring(0, name.length() - SUFFIX.length()), new Entry(size, used));
                    cache.bytes.addAndGet(size);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "The model-call cache " + root + " could not be opened: " + e.getMessage(), e);
        }
        cache.clock.set(System.currentTimeMillis());
        cache.evict();
        return cache;
    }

    /** The stored value for {@code key}, counting a hit or a miss. */
    public Optional<JsonNode> get(CallKey key) {
        Path file = file(key.hash());
        try {
            byte[] data = Files.readAllBytes(file);
            JsonNode entry = JSON.readTree(data);
            if (entry != null
                    && entry.has("value")
                    && CanonicalJson.of(entry.path("key")).equals(key.canonical())) {
                long now = tick();
                Entry old = entries.put(key.hash(), new Entry(data.length, now));
                bytes.addAndGet(data.length - (old == null ? 0 : old.size()));
                try {
                    Files.setLastModifiedTime(file, FileTime.fromMillis(now));
                } catch (IOException ignored) {
                    // Recency then survives in memory only.
                }
                hits.incrementAndGet();
                return Optional.of(entry.get("value"));
            }
            remove(key.hash());
        } catch (NoSuchFileException e) {
            // a miss
        } catch (IOException e) {
            remove(key.hash()); // unreadable or torn: never served
        }
        misses.incrementAndGet();
        return Optional.empty();
    }

    /** Stores {@code value} for {@code key}; a value larger than the whole bound is not stored. */
    public void put(CallKey key, JsonNode value) {
        ObjectNode entry = JSON.createObjectNode();
        entry.set("key", key.json());
        entry.set("value", value);
        Path target = file(key.hash());
        try {
            byte[] data = JSON.writeValueAsBytes(entry);
            if (data.length > maxBytes) {
                return;
            }
            Files.createDirectories(target.getParent());
            Path temporary = target.resolveSibling(key.hash() + "." + UUID.randomUUID() + ".tmp");
            // Not forced: an entry a power cut leaves torn or empty fails the read's check of
            // its key and is a miss, so forcing would buy nothing for a flush per model call.
            DurableFiles.replaceWhole(temporary, target, data);
            Entry old = entries.put(key.hash(), new Entry(data.length, tick()));
            bytes.addAndGet(data.length - (old == null ? 0 : old.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "The model-call cache " + root + " could not be written: " + e.getMessage(), e);
        }
        evict();
    }

    /** Calls answered from the cache since it was opened. */
    public long hits() {
        return hits.get();
    }

    /** Calls asked for and not found since it was opened. */
    public long misses() {
        return misses.get();
    }

    /** Bytes the entries take. */
    public long bytes() {
        return bytes.get();
    }

    /** Entries held. */
    public int size() {
        return entries.size();
    }

    public Path root() {
        return root;
    }

    /** Drops least recently used entries until the total is within the bound. */
    private synchronized void evict() {
        if (bytes.get() <= maxBytes) {
            return;
        }
        List<Map.Entry<String, Entry>> byAge = new ArrayList<>(entries.entrySet());
        byAge.sort(Comparator.comparingLong(e -> e.getValue().lastUsed()));
        for (Map.Entry<String, Entry> e : byAge) {
            if (bytes.get() <= maxBytes) {
                break;
            }
            remove(e.getKey());
        }
    }

    private void remove(String hash) {
        Entry old = entries.remove(hash);
        if (old != null) {
            bytes.addAndGet(-old.size());
        }
        try {
            Files.deleteIfExists(file(hash));
        } catch (IOException ignored) {
            // Left for the next open to find; it is not in the index, so never counted twice.
        }
    }

    /** A strictly increasing time, so that two uses in one millisecond still have an order. */
    private long tick() {
        return clock.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
    }

    private Path file(String hash) {
        return root.resolve(hash.substring(0, 2)).resolve(hash + SUFFIX);
    }
}
