package dev.noesis.jlama;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.tensor.KvBufferCache;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KV caches kept between calls of the same session, so that a prompt extending an earlier one
 * is not recomputed. At most {@code capacity} sessions are kept; the least recently used one is
 * dropped (and its page files deleted) to make room. Not thread-safe: the model's lock guards it.
 */
final class KvSessions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KvSessions.class);

    private final AbstractModel model;
    private final Path workDir;
    private final int capacity;
    private final LinkedHashMap<String, Session> named = new LinkedHashMap<>(16, 0.75f, true);

    KvSessions(AbstractModel model, Path workDir, int capacity) {
        this.model = model;
        this.workDir = workDir;
        this.capacity = capacity;
    }

    /** The session with this id, created empty if new. */
    Session named(String id) {
        Session s = named.get(id);
        if (s == null) {
            s = new Session();
            named.put(id, s);
            evictBeyondCapacity();
        }
        return s;
    }

    /** Drops a session's cache, if it is kept. */
    void end(String id) {
        Session s = named.remove(id);
        if (s != null) {
            s.close();
        }
    }

    /** A session for one call; the caller closes it. */
    Session oneShot() {
        return new Session();
    }

    private void evictBeyondCapacity() {
        Iterator<Map.Entry<String, Session>> it = named.entrySet().iterator();
        while (named.size() > capacity && it.hasNext()) {
            Map.Entry<String, Session> eldest = it.next();
            LOG.debug("Dropping the KV cache of session {}", eldest.getKey());
            eldest.getValue().close();
            it.remove();
        }
    }

    @Override
    public void close() {
        named.values().forEach(Session::close);
        named.clear();
    }

    /** One KV cache and the tokens it holds, position by position. */
    final class Session implements AutoCloseable {
        private final UUID id = UUID.randomUUID();
        private final KvBufferCache cache = new KvBufferCache(model);
        private final KvBufferCache.KvBuffer buffer = cache.getKvBuffer(id);
        private int[] tokens = new int[0];

        KvBufferCache.KvBuffer buffer() {
            return buffer;
        }

        /**
         * How many leading tokens of {@code ids} are already in the cache. At least the last
         * prompt token is always recomputed, since its output is needed to pick the next token.
         */
        int reusablePrefix(int[] ids) {
            int n = Math.min(tokens.length, ids.length - 1);
            int i = 0;
            while (i < n && tokens[i] == ids[i]) {
                i++;
            }
            return i;
        }

        void remember(int[] held, int length) {
            tokens = Arrays.copyOf(held, length);
        }

        @Override
        public void close() {
            cache.close();
            String prefix = id + "-";
            try (DirectoryStream<Path> pages = Files.newDirectoryStream(workDir, prefix + "*.page")) {
                for (Path page : pages) {
                    Files.deleteIfExists(page);
                }
            } catch (IOException e) {
                LOG.warn("Could not delete KV pages of session {} in {}: {}", id, workDir, e.getMessage());
            }
        }
    }
}
