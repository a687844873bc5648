package dev.noesis.memory;

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
            pending.addAll(ids);
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
            graph.execute(TOUCH, Map.of("ids", ids, "now", OffsetDateTime.now(ZoneOffset.UTC)));
        } catch (RuntimeException e) {
            LOG.debug("Could not mark {} recalled nodes as used: {}", ids.size(), e.getMessage());
        }
    }

    /** Writes what is pending, then stops. */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
