package dev.noesis.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noesis.experiments.log.ItemLog;
import dev.noesis.experiments.log.ItemRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;

/**
 * The one thread that writes a run's records: item threads hand it their finished records, and it
 * writes each one's trace, then appends every record waiting with one force of the log (group commit:
 * with many items in flight, one disk flush serves many), then reports them. Nothing interrupts this
 * thread, so a cancellation (which interrupts the item threads) never cuts a write short: what was
 * handed over is written whole.
 */
final class RecordWriter implements AutoCloseable {

    /** The most records one force covers. */
    static final int MAX_BATCH = 256;

    private record Job(ItemRecord record, JsonNode trace, String label, CompletableFuture<Void> done) {}

    private static final Job STOP = new Job(null, null, null, null);

    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Path traces;
    private final ItemLog log;
    private final BiConsumer<ItemRecord, String> logged;
    private final Thread thread;

    /**
     * @param traces where traces go
     * @param log    the item log
     * @param logged called on this thread after each record is durable, with its arm's label
     */
    RecordWriter(Path traces, ItemLog log, BiConsumer<ItemRecord, String> logged) {
        this.traces = traces;
        this.log = log;
        this.logged = logged;
        this.thread = new Thread(this::loop, "noesis-eval-log");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Hands a record over; the future completes when it is durable (or with the write's failure). */
    CompletableFuture<Void> submit(ItemRecord record, JsonNode trace, String label) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Job(record, trace, label, done));
        return done;
    }

    /** Writes what was handed over, then stops; waits for that even when interrupted (keeping the interrupt). */
    @Override
    public void close() {
        queue.add(STOP);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        List<Job> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // never interrupted by the runner; keep serving
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            if (batch.remove(STOP)) {
                stopping = true;
                queue.drainTo(batch); // anything handed over before the stop
                batch.remove(STOP);
            }
            if (!batch.isEmpty()) {
                write(batch);
            }
        }
    }

    private void write(List<Job> batch) {
        List<ItemRecord> records = new ArrayList<>(batch.size());
        try {
            for (Job j : batch) {
                ItemRecord r = j.record;
                if (j.trace != null) {
                    r = ExperimentRunner.withTrace(r, TraceFiles.write(traces, r.key(), j.trace));
                }
                records.add(r);
            }
            log.appendAll(records);
        } catch (RuntimeException | Error e) {
            batch.forEach(j -> j.done.completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            try {
                logged.accept(records.get(i), batch.get(i).label);
                batch.get(i).done.complete(null);
            } catch (RuntimeException e) {
                batch.get(i).done.completeExceptionally(e);
            }
        }
    }
}
