package dev.noesis.server;

import dev.noesis.orchestrator.RunRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The records of recent runs by id, for {@code /api/runs/{id}}: the newest ones, at most a configured number. */
public final class RunStore {

    private final Map<String, RunRecord> records;

    public RunStore(int kept) {
        this.records = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RunRecord> eldest) {
                return size() > kept;
            }
        };
    }

    public synchronized void put(String id, RunRecord run) {
        records.put(id, run);
    }

    public synchronized Optional<RunRecord> get(String id) {
        return Optional.ofNullable(records.get(id));
    }
}
