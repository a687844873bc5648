package dev.noesis.server;

import dev.noesis.retrieval.ingest.Ingestor;
import dev.noesis.wiring.Documents;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ingest jobs of {@code POST /api/ingest}, run one after another on one thread (the index has one
 * writer) through the wiring's ingest, as {@code noesis ingest} runs it. At most {@link #KEPT} jobs
 * are kept; the oldest finished one makes room, and a new job is refused while all are unfinished.
 */
final class IngestJobs implements AutoCloseable {

    static final int KEPT = 32;

    /** A job's progress as {@code GET /api/ingest/{id}} shows it. */
    static final class Job {
        final String id = "ingest-" + UUID.randomUUID();
        volatile String state = "queued";
        volatile int total = -1;
        final AtomicInteger done = new AtomicInteger();
        volatile String error;
        volatile Map<String, Object> report;

        boolean finished() {
            return state.equals("succeeded") || state.equals("failed");
        }

        Map<String, Object> view() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("object", "ingest.job");
            m.put("id", id);
            m.put("state", state);
            m.put("files_done", done.get());
            m.put("files_total", total);
            m.put("error", error);
            m.put("report", report);
            return m;
        }
    }

    private final Documents documents;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "noesis-ingest");
        t.setDaemon(true);
        return t;
    });

    IngestJobs(Documents documents) {
        this.documents = documents;
    }

    Job start(List<Path> paths) {
        Job job = new Job();
        synchronized (jobs) {
            for (Iterator<Job> it = jobs.values().iterator(); it.hasNext() && jobs.size() >= KEPT; ) {
                if (it.next().finished()) {
                    it.remove();
                }
            }
            if (jobs.size() >= KEPT) {
                throw ApiException.queueFull(KEPT + " ingest jobs are unfinished; try again when one is done.", 10);
            }
            jobs.put(job.id, job);
        }
        worker.execute(() -> run(job, paths));
        return job;
    }

    Optional<Job> find(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    private void run(Job job, List<Path> paths) {
        job.state = "running";
        try {
            Documents.Ingestion done = documents.ingest(paths, Ingestor.Settings.DEFAULTS, new Ingestor.Listener() {
                @Override
                public void started(int files) {
                    job.total = files;
                }

                @Override
                public void fileDone(Path file, Ingestor.Outcome outcome, int chunks) {
                    job.done.incrementAndGet();
                }
            });
            Ingestor.Report r = done.report();
            job.report = Map.of(
                    "files", r.files(),
                    "added", r.added(),
                    "updated", r.updated(),
                    "unchanged", r.unchanged(),
                    "skipped", r.skipped().size(),
                    "failed", r.failed().size(),
                    "chunks", r.chunks());
            job.state = "succeeded";
        } catch (RuntimeException e) {
            // The message only: a job's view is for clients, never a stack trace.
            job.error = e.getMessage();
            job.state = "failed";
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
