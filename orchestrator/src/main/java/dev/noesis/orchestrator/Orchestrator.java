package dev.noesis.orchestrator;

import dev.noesis.core.error.BudgetExceededException;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.TokenListener;
import dev.noesis.core.module.StepContext;
import dev.noesis.core.module.ThinkingModule;
import dev.noesis.core.thought.Critique;
import dev.noesis.core.thought.Draft;
import dev.noesis.core.thought.ThoughtState;
import dev.noesis.core.trace.ModelCall;
import dev.noesis.core.trace.Note;
import dev.noesis.core.trace.Span;
import dev.noesis.core.trace.Trace;
import dev.noesis.orchestrator.RunResult.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs pipelines over one model. Each module gets the state and a {@link StepContext}; its model
 * calls are metered against the run's {@link dev.noesis.core.run.Budget} and recorded in the
 * trace, and so are the decisions of the control forms (a repeat that stopped, a branch that was
 * skipped). The calls of a run share a session, so that a backend with a KV cache computes a
 * shared prompt beginning once. A run stops early, keeping what it has, when the budget is spent,
 * the calling thread is interrupted, or a step fails.
 *
 * <p>When the pipeline leaves no chosen answer, the last draft is the answer.
 */
public final class Orchestrator {

    /** One timer thread for every orchestrator: it only interrupts runs that outlive their wall-time budget. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "noesis-run-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final AdapterModels models;

    /** Runs on {@code model}; it takes LoRA adapters if it implements {@link AdapterModels}. */
    public Orchestrator(LanguageModel model) {
        this(AdapterModels.of(model));
    }

    /**
     * Runs on {@code models}: the base until the pipeline, a step or an {@code adapter-router} step
     * chooses an adapter, then that adapter's model for every later call of the run (a step that
     * names its own adapter uses that one for its calls only).
     */
    public static Orchestrator over(AdapterModels models) {
        return new Orchestrator(models);
    }

    private Orchestrator(AdapterModels models) {
        this.models = Objects.requireNonNull(models, "models");
    }

    /**
     * Runs {@code pipeline}.
     *
     * @throws dev.noesis.core.error.InvalidInputException before anything runs, when the pipeline
     *     names an adapter the models do not have
     */
    public RunResult run(Pipeline pipeline, RunRequest request) {
        models.check(pipeline);
        LanguageModel model = models.base();
        String runId = UUID.randomUUID().toString();
        long start = System.nanoTime();
        String session = request.reuseCache() ? "run-" + runId : null;
        Run run = new Run(runId, new RunMeter(models, request.budget(), session, start), request, start);
        Thread runner = Thread.currentThread();
        AtomicBoolean outOfTime = new AtomicBoolean();
        ScheduledFuture<?> deadline = WATCHDOG.schedule(
                () -> {
                    outOfTime.set(true);
                    runner.interrupt();
                },
                request.budget().maxWallTime().toMillis(),
                TimeUnit.MILLISECONDS);

        ThoughtState state = ThoughtState.of(request.question())
                .withHistory(request.history())
                .withAdapter(pipeline.adapter().map(AdapterChoice::name).orElse(null));
        Outcome outcome = Outcome.COMPLETED;
        String stopReason = null;
        RuntimeException failure = null;
        try {
            state = run.steps(pipeline.steps(), state, request.params(), "", true);
        } catch (Stop stop) {
            outcome = stop.outcome;
            stopReason = stop.getMessage();
            failure = stop.failure;
            state = stop.state;
        } finally {
            deadline.cancel(false);
            if (outOfTime.get()) {
                Thread.interrupted(); // the interrupt was ours, not the caller's
            }
            run.meter.endSessions();
        }
        if (outOfTime.get() && outcome == Outcome.CANCELLED) {
            outcome = Outcome.BUDGET_EXHAUSTED;
            stopReason = "the run's wall-time budget of "
                    + request.budget().maxWallTime().toSeconds() + " s is used up";
        }
        if (state.answer() == null && !state.drafts().isEmpty()) {
            state = state.withAnswer(
                    state.drafts().get(state.drafts().size() - 1).text());
        }
        long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // The model that answers is named with the run's adapter, as its variants are (base@adapter).
        String modelName = AdapterChoice.isBase(state.adapter()) ? model.name() : model.name() + "@" + state.adapter();
        Trace trace = new Trace(runId, pipeline.name(), modelName, run.spans);
        return new RunResult(state.answer(), state, trace, run.meter.usage(wallMs), outcome, stopReason, failure);
    }

    /** Ends a run early, carrying the state it had reached. */
    private static final class Stop extends RuntimeException {
        final Outcome outcome;
        final transient ThoughtState state;
        final RuntimeException failure;

        Stop(Outcome outcome, String reason, ThoughtState state, RuntimeException failure) {
            super(reason, null, false, false);
            this.outcome = outcome;
            this.state = state;
            this.failure = failure;
        }
    }

    /** One run in progress: its meter, its request, and the trace so far. */
    private static final class Run {
        final String id;
        final RunMeter meter;
        final RunRequest request;
        final List<Span> spans = new ArrayList<>();
        final long startNanos;
        boolean streamedAny;

        Run(String id, RunMeter meter, RunRequest request, long startNanos) {
            this.id = id;
            this.startNanos = startNanos;
            this.meter = meter;
            this.request = request;
        }

        ThoughtState steps(
                List<Step> steps, ThoughtState state, GenerationParams params, String where, boolean stream) {
            ThoughtState s = state;
            for (int i = 0; i < steps.size(); i++) {
                String here = (where.isEmpty() ? "" : where + " > ") + "steps[" + i + "]";
                s = switch (steps.get(i)) {
                    case Step.Apply a -> apply(a.module(), a.adapter(), s, params, here, stream);
                    case Step.Repeat r -> repeat(r, s, params, here, stream);
                    case Step.Fanout f -> fanout(f, s, params, here);
                    case Step.When w -> when(w, s, params, here, stream);
                };
            }
            return s;
        }

        ThoughtState apply(
                ThinkingModule module,
                Optional<AdapterChoice> stepAdapter,
                ThoughtState state,
                GenerationParams params,
                String where,
                boolean stream) {
            if (Thread.currentThread().isInterrupted() || meter.cancelled()) {
                throw new Stop(
                        Outcome.CANCELLED, "cancelled before " + where + " (" + module.name() + ")", state, null);
            }
            RunMeter.StepCalls calls = new RunMeter.StepCalls();
            List<Note> notes = new ArrayList<>();
            meter.recordInto(calls);
            long start = System.nanoTime();
            ThoughtState next;
            // The step's own adapter, else the run's as the state has it (set by the pipeline, the request or a
            // router).
            String adapter = stepAdapter.isPresent() ? stepAdapter.get().name() : state.adapter();
            adapter = AdapterChoice.isBase(adapter) ? null : adapter;
            try {
                next = module.apply(state, context(meter.model(adapter), params, notes, stream));
                if (adapter != null && !calls.calls.isEmpty()) {
                    notes.add(new Note(
                            "model calls on adapter " + adapter,
                            stepAdapter.isPresent() ? "the step names it" : "the run's adapter"));
                }
            } catch (BudgetExceededException e) {
                span(where, module.name(), module.config(), calls.calls, notes, start, e.getMessage());
                throw new Stop(Outcome.BUDGET_EXHAUSTED, e.getMessage(), state, null);
            } catch (Stop stop) {
                throw stop;
            } catch (RuntimeException e) {
                String error = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
                span(where, module.name(), module.config(), calls.calls, notes, start, error);
                throw new Stop(Outcome.FAILED, where + " (" + module.name() + ") failed: " + error, state, e);
            }
            span(where, module.name(), module.config(), calls.calls, notes, start, null);
            if (meter.cancelled() || Thread.currentThread().isInterrupted()) {
                throw new Stop(Outcome.CANCELLED, "cancelled during " + where + " (" + module.name() + ")", next, null);
            }
            return next;
        }

        ThoughtState repeat(Step.Repeat r, ThoughtState state, GenerationParams params, String where, boolean stream) {
            long start = System.nanoTime();
            ThoughtState s = state;
            for (int round = 1; round <= r.max(); round++) {
                s = steps(r.steps(), s, params, where + " > repeat " + round + "/" + r.max(), stream);
                if (r.until() != null && r.until().test(s)) {
                    control(
                            where,
                            "repeat",
                            Map.of("max", r.max(), "until", r.until().toString()),
                            new Note("stopped after round " + round, r.until() + " holds"),
                            start);
                    return s;
                }
            }
            control(
                    where,
                    "repeat",
                    r.until() == null
                            ? Map.of("max", r.max())
                            : Map.of("max", r.max(), "until", r.until().toString()),
                    new Note(
                            "ran all " + r.max() + " rounds",
                            r.until() == null ? "no until condition" : r.until() + " never held"),
                    start);
            return s;
        }

        ThoughtState fanout(Step.Fanout f, ThoughtState state, GenerationParams params, String where) {
            long start = System.nanoTime();
            ThoughtState merged = state;
            for (int b = 0; b < f.n(); b++) {
                // Each branch samples with a seed of its own; at temperature 0 all would be alike.
                GenerationParams branch = params.withSeed(params.seed() + 1 + b)
                        .withTemperature(params.greedy() ? f.temperature() : params.temperature());
                ThoughtState out = steps(f.steps(), state, branch, where + " > fanout " + (b + 1) + "/" + f.n(), false);
                merged = absorb(merged, state, out);
            }
            int drafts = merged.drafts().size() - state.drafts().size();
            control(
                    where,
                    "fanout",
                    Map.of("n", f.n(), "temperature", f.temperature()),
                    new Note(
                            f.n() + " branches gave " + drafts + " drafts",
                            "seeds " + (params.seed() + 1) + ".." + (params.seed() + f.n())),
                    start);
            return f.select() == null
                    ? merged
                    : apply(f.select(), Optional.empty(), merged, params, where + " > select", false);
        }

        ThoughtState when(Step.When w, ThoughtState state, GenerationParams params, String where, boolean stream) {
            if (w.condition().test(state)) {
                control(
                        where,
                        "when",
                        Map.of("condition", w.condition().toString()),
                        new Note("ran its steps", w.condition() + " holds"),
                        System.nanoTime());
                return steps(w.steps(), state, params, where + " > when", stream);
            }
            control(
                    where,
                    "when",
                    Map.of("condition", w.condition().toString()),
                    new Note("skipped its steps", w.condition() + " is false"),
                    System.nanoTime());
            return state;
        }

        /** {@code into} plus what a branch added to {@code base}: its drafts, and their critiques with renumbered drafts. */
        private static ThoughtState absorb(ThoughtState into, ThoughtState base, ThoughtState branch) {
            int offset = into.drafts().size() - base.drafts().size();
            ThoughtState out = into;
            for (int i = base.drafts().size(); i < branch.drafts().size(); i++) {
                Draft d = branch.drafts().get(i);
                out = out.addDraft(d);
            }
            for (int i = base.critiques().size(); i < branch.critiques().size(); i++) {
                Critique c = branch.critiques().get(i);
                int draft = c.draft() >= base.drafts().size() ? c.draft() + offset : c.draft();
                out = out.addCritique(new Critique(draft, c.verdict(), c.issues(), c.module()));
            }
            return out;
        }

        private StepContext context(
                LanguageModel stepModel, GenerationParams params, List<Note> notes, boolean stream) {
            TokenListener answer = stream
                    ? new TokenListener() {
                        private boolean first = true;

                        @Override
                        public void onText(String text) {
                            if (first && streamedAny) {
                                request.answer().onText("\n\n"); // a later draft, set apart from the earlier one
                            }
                            first = false;
                            streamedAny = true;
                            request.answer().onText(text);
                        }
                    }
                    : TokenListener.NONE;
            return new StepContext() {
                @Override
                public LanguageModel model() {
                    return stepModel;
                }

                @Override
                public GenerationParams params() {
                    return params;
                }

                @Override
                public TokenListener answerStream() {
                    return answer;
                }

                @Override
                public void note(String what, String why) {
                    notes.add(new Note(what, why));
                }

                @Override
                public String runId() {
                    return id;
                }
            };
        }

        private void span(
                String where,
                String module,
                Map<String, Object> config,
                List<ModelCall> calls,
                List<Note> notes,
                long start,
                String error) {
            spans.add(new Span(
                    spans.size(),
                    where,
                    module,
                    config,
                    calls,
                    notes,
                    TimeUnit.NANOSECONDS.toMillis(start - startNanos),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                    error));
        }

        private void control(String where, String form, Map<String, Object> config, Note note, long start) {
            span(where, form, config, List.of(), List.of(note), start, null);
        }
    }
}
