package dev.noesis.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.experiments.log.CanonicalJson;
import dev.noesis.experiments.log.Extraction;
import dev.noesis.experiments.log.ItemKey;
import dev.noesis.experiments.log.ItemRecord;
import dev.noesis.experiments.log.ModelIdentity;
import dev.noesis.experiments.log.Outcome;
import dev.noesis.experiments.log.RunDirectory;
import dev.noesis.experiments.log.Usage;
import dev.noesis.experiments.report.ExperimentResults;
import dev.noesis.experiments.run.cost.CostModel;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import dev.noesis.experiments.suite.Suite;
import dev.noesis.experiments.suite.SuiteItem;
import dev.noesis.experiments.suite.SuiteSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs an experiment into a run folder: expands it ({@link ExperimentPlan}), opens the folder
 * ({@link RunDirectory}: a folder of the same config resumes, skipping every item run its log holds;
 * a folder of another config is refused, naming the difference), puts each suite's setup in place once
 * ({@link SetupCache}), then runs every item run still missing through its {@link Arm}, extracts and
 * scores it with its suite, and appends its record durably before counting it done. At the end it
 * builds the results from the log alone ({@link LoggedResults}) and writes {@code results.json}. The
 * setups this call prepared are written to {@value SetupReport#FILE}, for the report.
 *
 * <p>Every item run ends as a record: completed, stopped by a budget, or failed with its error (an
 * exception of the arm, or of the suite's extraction or scoring). Failures are logged, never dropped,
 * and score 0 in the statistics. Only an item whose thread was cancelled is left out, so that a
 * resumed run does it.
 *
 * <p>{@code parallel} items are in flight at once, on as many threads. Records are written by one
 * writer thread ({@link RecordWriter}: one force of the log for every record waiting) that is never
 * interrupted, so that cancelling (an interrupt of the thread in
 * {@link #run}, or {@link #cancel}) stops the arms but never cuts a write short: the log stays whole.
 * Arms are opened one at a time, in the plan's order, so one model's arms run together.
 */
public final class ExperimentRunner {

    static final String TRACES = "traces";

    private final ExperimentPlan plan;
    private final ArmFactory factory;
    private final SetupCache setups;
    private final ProgressListener listener;
    private final CostModel cost;
    private final int parallel;
    private final int retries;
    private volatile boolean cancelled;
    private volatile Thread runThread;

    private ExperimentRunner(Builder b) {
        this.plan = ExperimentPlan.of(b.spec, b.suites);
        this.factory = b.factory;
        this.setups = b.setups;
        this.listener = b.listener;
        this.cost = b.cost;
        this.parallel = b.parallel == null ? b.spec.parallel() : b.parallel;
        this.retries = b.retries;
    }

    /**
     * @param spec    the experiment
     * @param suites  its suites, by the names the spec uses
     * @param factory opens its arms
     */
    public static Builder builder(ExperimentSpec spec, Map<String, ? extends Suite> suites, ArmFactory factory) {
        return new Builder(spec, suites, factory);
    }

    public ExperimentPlan plan() {
        return plan;
    }

    /**
     * Stops the run in progress, as an interrupt of its thread does; what is logged stays. Safe from
     * any thread (a signal handler, a progress listener).
     */
    public void cancel() {
        cancelled = true;
        Thread t = runThread;
        if (t != null) {
            t.interrupt();
        }
    }

    /**
     * Runs (or resumes) the experiment in {@code folder}.
     *
     * @return what was done; {@link RunSummary#cancelled()} when interrupted (the interrupt status is
     *         then set again, for the caller to see)
     * @throws dev.noesis.core.error.InvalidInputException when the folder holds another experiment
     */
    public RunSummary run(Path folder) {
        cancelled = false;
        runThread = Thread.currentThread();
        Map<String, ModelIdentity> identities = new LinkedHashMap<>();
        Map<String, Optional<String>> fingerprints = new LinkedHashMap<>();
        ExperimentSpec spec = plan.spec();
        spec.models().forEach(m -> identities.put(m, factory.identify(m)));
        spec.pipelines().forEach(p -> fingerprints.put(p, factory.fingerprint(p)));
        ObjectNode config = plan.config(identities, fingerprints);
        if (spec.hasAdapterAxis()) {
            // Which weights each adapter name stood for: an adapter registered again with other weights
            // is another experiment, which the run folder then refuses to resume.
            ObjectNode adapters = config.with("resolved").putObject("adapters");
            for (String adapter : spec.namedAdapters()) {
                Optional<String> f = factory.adapterFingerprint(adapter);
                if (f.isPresent()) {
                    adapters.put(adapter, f.get());
                } else {
                    adapters.putNull(adapter);
                }
            }
        }
        try (RunDirectory run = RunDirectory.open(folder, config)) {
            return new Session(run, identities).run();
        } finally {
            runThread = null;
        }
    }

    /** One call of {@link #run}: its counters and its threads. */
    private final class Session {
        private final RunDirectory run;
        private final Map<String, ModelIdentity> identities;
        private final RecordWriter writer;
        private final String hash;
        private final long total;
        private final long startNanos = System.nanoTime();
        private final Map<String, double[]> means = new LinkedHashMap<>();
        private final List<PreparedSetup> prepared = new ArrayList<>();
        private long done;
        private long doneNow;
        private long failedNow;
        private long budgetNow;
        private long skipped;
        private volatile RuntimeException writeFailure;
        private long retried;

        Session(RunDirectory run, Map<String, ModelIdentity> identities) {
            this.run = run;
            this.identities = identities;
            this.writer = new RecordWriter(run.folder().resolve(TRACES), run.items(), this::logged);
            this.hash = run.manifest().configHash();
            this.total = plan.totalRuns();
        }

        RunSummary run() {
            List<Pending> pending = new ArrayList<>();
            for (ArmSpec arm : plan.arms()) {
                List<Unit> units = new ArrayList<>();
                String params = CanonicalJson.ofValue(arm.params().asMap());
                ModelIdentity identity = identities.get(arm.model());
                for (long seed : plan.spec().seeds()) {
                    for (SuiteItem item : plan.items(arm.suite())) {
                        ItemKey key = new ItemKey(
                                arm.suite(), arm.pipeline(), identity, params, seed, item.id(), arm.adapter());
                        Optional<ItemRecord> logged = run.items().latest(key);
                        if (logged.isEmpty()) {
                            units.add(new Unit(item, seed, 1));
                        } else if (run.resumed()
                                && logged.get().outcome() == Outcome.FAILED
                                && logged.get().attemptNumber() <= retries) {
                            // A failure of an earlier session is run again, once per allowed retry.
                            units.add(new Unit(item, seed, logged.get().attemptNumber() + 1));
                            retried++;
                        } else {
                            skipped++;
                        }
                    }
                }
                if (!units.isEmpty()) {
                    pending.add(new Pending(arm, units));
                }
            }
            done = skipped;
            listener.started(total, skipped, run.resumed());
            boolean stopped = false;
            Map<String, PreparedSetup> setupBySuite = new LinkedHashMap<>();
            try {
                for (Pending p : pending) {
                    if (cancelled || Thread.currentThread().isInterrupted()) {
                        stopped = true;
                        break;
                    }
                    PreparedSetup setup = setupBySuite.get(p.arm.suite());
                    if (setup == null) {
                        setup = prepare(p.arm.suite());
                        setupBySuite.put(p.arm.suite(), setup);
                        prepared.add(setup);
                        SetupReport.write(run.folder(), prepared);
                        listener.setupReady(setup);
                    }
                    try (Arm arm = factory.open(p.arm, setup, plan.answerSchema(p.arm.suite()))) {
                        if (!runArm(p, arm)) {
                            stopped = true;
                            break;
                        }
                    }
                }
            } catch (InterruptedException e) {
                stopped = true;
            } finally {
                // Let the writer finish what it was handed: those records are durable and counted.
                writer.close();
            }
            checkWrites();
            // A cancellation that came after the last item still interrupted this thread: stop
            // here too, rather than write the results with an interrupt pending.
            stopped = stopped || cancelled;
            if (stopped) {
                cancelled = true;
            }
            listener.finished(progress(), stopped);
            Optional<ExperimentResults> results = Optional.empty();
            if (!stopped) {
                results = Optional.of(LoggedResults.write(run.folder(), cost));
            } else {
                Thread.currentThread().interrupt();
            }
            return new RunSummary(
                    run.folder(),
                    hash,
                    run.resumed(),
                    total,
                    skipped,
                    doneNow,
                    failedNow,
                    budgetNow,
                    stopped,
                    prepared,
                    results);
        }

        private PreparedSetup prepare(String suite) throws InterruptedException {
            SuiteSetup setup = plan.suite(suite).setup();
            if (setups != null) {
                return setups.prepare(suite, setup);
            }
            if (!setup.isEmpty()) {
                throw new InvalidInputException("The suite '" + suite + "' needs setup ("
                        + setup.documents().size()
                        + " documents, " + setup.facts().size()
                        + " facts) but this run was given nowhere to put it.");
            }
            return PreparedSetup.none(suite);
        }

        /** Runs one arm's pending items; false when cancelled. */
        private boolean runArm(Pending p, Arm arm) throws InterruptedException {
            Suite suite = plan.suite(p.arm.suite());
            String label = p.arm.suite() + ": " + p.arm.label(plan.spec());
            ExecutorService pool =
                    Executors.newFixedThreadPool(Math.min(parallel, p.units.size()), named("noesis-eval"));
            try {
                List<Future<?>> futures = new ArrayList<>(p.units.size());
                for (Unit u : p.units) {
                    futures.add(pool.submit(() -> {
                        runItem(p.arm, arm, suite, label, u);
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    if (cancelled) {
                        return false;
                    }
                    try {
                        f.get();
                    } catch (InterruptedException e) {
                        cancelled = true; // before the pool's threads are interrupted, so none logs a half-run
                        throw e;
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause();
                        if (cause instanceof RuntimeException r) {
                            throw r;
                        }
                        if (cause instanceof Error err) {
                            throw err;
                        }
                        throw new IllegalStateException(cause);
                    }
                }
                return !cancelled;
            } finally {
                pool.shutdownNow();
                awaitQuietly(pool);
            }
        }

        private void runItem(ArmSpec spec, Arm arm, Suite suite, String label, Unit u) throws Exception {
            checkWrites();
            if (cancelled || Thread.currentThread().isInterrupted()) {
                return;
            }
            String prompt = PromptFormat.of(suite, u.item);
            long start = System.nanoTime();
            ArmAnswer answer;
            try {
                answer = arm.run(u.item, prompt, spec.params().params(u.seed));
                if (answer == null) {
                    answer = ArmAnswer.failed("the arm returned no answer", Usage.NONE, null);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                answer = ArmAnswer.failed(describe(e), Usage.NONE, null);
            }
            long wallMs = (System.nanoTime() - start) / 1_000_000;
            if (cancelled || Thread.currentThread().isInterrupted()) {
                return; // the arm may have stopped half-way: not a result
            }
            ItemRecord record = record(spec, suite, u, answer, wallMs);
            JsonNode trace = answer.trace();
            // Handed to the writer, which no interrupt reaches: once handed, the record is written
            // whole. The item does not wait for the disk: the writer forces the records handed to it
            // in batches while the next items run (a force costs milliseconds, as much as a cached
            // item). A failed write stops the run before its next item, and the run's end waits for
            // every write; a record still queued when the process is killed is run again on resume.
            writer.submit(record, trace, label).whenComplete((ok, failure) -> {
                if (failure != null) {
                    writeFailed(failure);
                }
            });
        }

        private synchronized void writeFailed(Throwable failure) {
            if (writeFailure == null) {
                writeFailure = failure instanceof RuntimeException r
                        ? r
                        : new IllegalStateException("The item log could not be written", failure);
            }
        }

        /** Throws the first failed write of the log: the run cannot go on without its records. */
        private void checkWrites() {
            RuntimeException failure = writeFailure;
            if (failure != null) {
                throw failure;
            }
        }

        private ItemRecord record(ArmSpec spec, Suite suite, Unit u, ArmAnswer a, long wallMs) {
            return firstAttempt(spec, suite, u, a, wallMs)
                    .asAttempt(u.attempt)
                    .onAdapter(spec.adapter())
                    .withAdapterUsed(a.adapterUsed());
        }

        private ItemRecord firstAttempt(ArmSpec spec, Suite suite, Unit u, ArmAnswer a, long wallMs) {
            Usage given = a.usage();
            Usage usage = new Usage(
                    given.promptTokens(),
                    given.completionTokens(),
                    given.modelCalls(),
                    given.modelMs(),
                    wallMs,
                    given.cacheHits());
            Outcome outcome = a.outcome();
            String error = a.error();
            Extraction extracted = null;
            Map<String, Double> scores = Map.of();
            if (outcome != Outcome.FAILED && a.output() != null) {
                try {
                    extracted = suite.extract(a.output());
                    scores = suite.score(u.item, extracted);
                    for (Map.Entry<String, Double> e : scores.entrySet()) {
                        if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                            throw new IllegalArgumentException(
                                    "the score " + e.getValue() + " for " + e.getKey() + " is not a finite number");
                        }
                    }
                } catch (RuntimeException e) {
                    outcome = Outcome.FAILED;
                    error = "the suite could not extract or score the output: " + describe(e);
                    scores = Map.of();
                }
            } else if (outcome == Outcome.COMPLETED) {
                outcome = Outcome.FAILED;
                error = "the arm completed without an output";
            }
            if (outcome == Outcome.FAILED && (error == null || error.isBlank())) {
                error = "failed without a message";
            }
            return new ItemRecord(
                    u.item.id(),
                    hash,
                    spec.suite(),
                    spec.pipeline(),
                    identities.get(spec.model()),
                    spec.params().asMap(),
                    u.seed,
                    a.output(),
                    extracted,
                    u.item.gold(),
                    scores,
                    usage,
                    outcome,
                    outcome == Outcome.COMPLETED ? null : error,
                    null,
                    u.item.category());
        }

        /** On the writer thread, after a durable append. */
        private void logged(ItemRecord r, String label) {
            done++;
            doneNow++;
            if (r.outcome() == Outcome.FAILED) {
                failedNow++;
            } else if (r.outcome() == Outcome.BUDGET) {
                budgetNow++;
            }
            String metric = plan.suite(r.suite()).metrics().get(0);
            double[] m = means.computeIfAbsent(label, k -> new double[2]);
            m[0] += r.scores().getOrDefault(metric, 0.0);
            m[1] += 1;
            listener.itemLogged(r, progress());
        }

        private Progress progress() {
            Optional<Duration> eta = Optional.empty();
            if (doneNow > 0) {
                long elapsed = System.nanoTime() - startNanos;
                eta = Optional.of(Duration.ofNanos((long) ((double) elapsed / doneNow * (total - done))));
            }
            Map<String, Double> running = new LinkedHashMap<>();
            means.forEach((k, v) -> running.put(k, v[0] / v[1]));
            return new Progress(done, total, doneNow, failedNow, eta, running);
        }
    }

    static ItemRecord withTrace(ItemRecord r, String trace) {
        return new ItemRecord(
                r.itemId(),
                r.configHash(),
                r.suite(),
                r.pipeline(),
                r.model(),
                r.params(),
                r.seed(),
                r.output(),
                r.extracted(),
                r.gold(),
                r.scores(),
                r.usage(),
                r.outcome(),
                r.error(),
                trace,
                r.category(),
                r.attempt(),
                r.adapter(),
                r.adapterUsed());
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Waits for a pool to finish, ignoring (and keeping) an interrupt: the log writer must not be left half-way. */
    private static void awaitQuietly(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private record Unit(SuiteItem item, long seed, int attempt) {}

    private record Pending(ArmSpec arm, List<Unit> units) {}

    /** Configures a runner. */
    public static final class Builder {
        private final ExperimentSpec spec;
        private final Map<String, ? extends Suite> suites;
        private final ArmFactory factory;
        private SetupCache setups;
        private ProgressListener listener = ProgressListener.NONE;
        private CostModel cost = CostModel.NONE;
        private Integer parallel;
        private int retries = 1;

        private Builder(ExperimentSpec spec, Map<String, ? extends Suite> suites, ArmFactory factory) {
            this.spec = spec;
            this.suites = suites;
            this.factory = factory;
        }

        /**
         * Where suite setups go and what installs them: {@code root} holds one data home per distinct
         * setup content, shared by every experiment that uses it. Without it, a suite that needs setup
         * fails the run.
         */
        public Builder setups(Path root, SetupEnvironment environment) {
            this.setups = new SetupCache(root, environment);
            return this;
        }

        public Builder listener(ProgressListener l) {
            this.listener = l;
            return this;
        }

        /** Energy and money per 1,000 questions, for the results. */
        public Builder cost(CostModel c) {
            this.cost = c;
            return this;
        }

        /** Items in flight, overriding the spec's (a command's --parallel). */
        public Builder parallel(int n) {
            if (n < 1 || n > ExperimentSpec.MAX_PARALLEL) {
                throw new InvalidInputException(
                        "parallel is from 1 to " + ExperimentSpec.MAX_PARALLEL + ", not " + n + ".");
            }
            this.parallel = n;
            return this;
        }

        /**
         * How many times a resumed run retries an item run its log says failed (default 1; 0: never).
         * The retry's record supersedes the failure in the log, and the report counts retries.
         */
        public Builder retryFailed(int n) {
            if (n < 0 || n > 10) {
                throw new InvalidInputException("Failed items are retried 0 to 10 times, not " + n + ".");
            }
            this.retries = n;
            return this;
        }

        public ExperimentRunner build() {
            return new ExperimentRunner(this);
        }
    }
}
