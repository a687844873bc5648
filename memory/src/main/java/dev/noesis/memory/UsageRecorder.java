package dev.noesis.memory;

import dev.noesis.memory.graph.Graph;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks recalled nodes as used (their {@code lastUsedAt}, and a little salience), which
 * consolidation's decay reads. Off the recall's path: ids are collected and written in one
 * transaction per second at most, so recall stays a read and many recalls cost one small write.
 *
 * <p>Best-effort: a mark is bookkeeping, not memory. Each write is tried once, and the server ends
 * it after {@link #WRITE_TIMEOUT} (an import holding the same nodes' locks makes it wait, and a
 * recall must not wait for an import); what could not be written is dropped. Closing waits at most
 * a few seconds, then gives up the rest.
 */
final class UsageRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UsageRecorder.class);

    private static final String TOUCH = """
            UNWIND $ids AS id
            CALL (id) {
              MATCH (n:Concept {id: id}) RETURN n
              UNION
              MATCH (n:Fact {id: id}) RETURN n
            }
            SET n.lastUsedAt = $now, n.salience = CASE WHEN n.salience + 0.1 > 1.0 THEN 1.0 ELSE n.salience + 0.1 END
            """;

    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);

    /** Ids held at most; beyond that (writes failing for a long time) new marks are dropped. */
    private static final int MAX_PENDING = 100_000;

    private final Graph graph;
    private final Set<String> pending = new LinkedHashSet<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "noesis-memory-usage");
        t.setDaemon(true);
        return t;
    });

    UsageRecorder(Graph graph) {
        this.graph = graph;
        flusher.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
    }

    void used(List<String> ids) {
        synchronized (pending) {
            for (String id : ids) {
                if (pending.size() >= MAX_PENDING) {
                    return;
                }
                pending.add(id);
            }
        }
    }

    private void flush() {
        List<String> ids;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            ids = new ArrayList<>(pending);
            pending.clear();
        }
        try {
            graph.executeOnce(TOUCH, Map.of("ids", ids, "now", OffsetDateTime.now(ZoneOffset.UTC)), WRITE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.debug("Could not mark {} recalled nodes as used: {}", ids.size(), e.getMessage());
        }
    }

    /** Tries once more to write what is pending, then stops; a few seconds at most. */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            // A flush under way ends by the write timeout.
            if (!flusher.awaitTermination(WRITE_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS)) {
                flusher.shutdownNow();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        flush();
    }
}
