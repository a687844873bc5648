package dev.noesis.orchestrator;

import dev.noesis.core.error.BudgetExceededException;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.TokenListener;
import dev.noesis.core.module.StepContext;
import dev.noesis.core.module.ThinkingModule;
import dev.noesis.core.thought.Draft;
import dev.noesis.core.thought.ThoughtState;
import dev.noesis.core.trace.Note;
import dev.noesis.core.trace.Span;
import dev.noesis.core.trace.Trace;
import dev.noesis.orchestrator.RunResult.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs pipelines over one model: each step's module gets the state and a {@link StepContext},
 * its model calls are metered against the run's {@link dev.noesis.core.run.Budget} and recorded
 * in the trace, and the run stops early (keeping what it has) when the budget is spent, the
 * calling thread is interrupted, or a step fails.
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

    private final LanguageModel model;

    public Orchestrator(LanguageModel model) {
        this.model = model;
    }

    public RunResult run(Pipeline pipeline, RunRequest request) {
        String runId = UUID.randomUUID().toString();
        long start = System.nanoTime();
        RunMeter meter = new RunMeter(model, request.budget());
        Thread runner = Thread.currentThread();
        AtomicBoolean outOfTime = new AtomicBoolean();
        ScheduledFuture<?> deadline = WATCHDOG.schedule(() -> {
            outOfTime.set(true);
            runner.interrupt();
        }, request.budget().maxWallTime().toMillis(), TimeUnit.MILLISECONDS);

        ThoughtState state = ThoughtState.of(request.question()).withHistory(request.history());
        List<Span> spans = new ArrayList<>();
        Outcome outcome = Outcome.COMPLETED;
        String stopReason = null;
        RuntimeException failure = null;
        try {
            for (int i = 0; i < pipeline.steps().size(); i++) {
                if (Thread.currentThread().isInterrupted()) {
                    outcome = Outcome.CANCELLED;
                    stopReason = "cancelled before step " + i;
                    break;
                }
                ThinkingModule module = pipeline.steps().get(i);
                RunMeter.StepCalls calls = new RunMeter.StepCalls();
                List<Note> notes = new ArrayList<>();
                meter.recordInto(calls);
                long stepStart = System.nanoTime();
                String error = null;
                try {
                    state = module.apply(state, context(meter, request, notes));
                } catch (BudgetExceededException e) {
                    error = e.getMessage();
                    outcome = Outcome.BUDGET_EXHAUSTED;
                    stopReason = e.getMessage();
                } catch (RuntimeException e) {
                    error = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
                    outcome = Outcome.FAILED;
                    stopReason = "step " + i + " (" + module.name() + ") failed: " + error;
                    failure = e;
                }
                spans.add(new Span(i, module.name(), module.config(), calls.calls, notes,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stepStart), error));
                if (outcome != Outcome.COMPLETED) {
                    break;
                }
                if (meter.cancelled() || Thread.currentThread().isInterrupted()) {
                    outcome = Outcome.CANCELLED;
                    stopReason = "cancelled during step " + i + " (" + module.name() + ")";
                    break;
                }
            }
        } finally {
            deadline.cancel(false);
            if (outOfTime.get()) {
                Thread.interrupted(); // the interrupt was ours, not the caller's
            }
        }
        if (outOfTime.get() && outcome == Outcome.CANCELLED) {
            outcome = Outcome.BUDGET_EXHAUSTED;
            stopReason = "the run's wall-time budget of " + request.budget().maxWallTime().toSeconds() + " s is used up";
        }
        if (state.answer() == null && !state.drafts().isEmpty()) {
            Draft last = state.drafts().get(state.drafts().size() - 1);
            state = state.withAnswer(last.text());
        }
        long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Trace trace = new Trace(runId, pipeline.name(), model.name(), spans);
        return new RunResult(state.answer(), state, trace, meter.usage(wallMs), outcome, stopReason, failure);
    }

    private static StepContext context(RunMeter meter, RunRequest request, List<Note> notes) {
        return new StepContext() {
            @Override
            public LanguageModel model() {
                return meter.model;
            }

            @Override
            public GenerationParams params() {
                return request.params();
            }

            @Override
            public TokenListener answerStream() {
                return request.answer();
            }

            @Override
            public void note(String what, String why) {
                notes.add(new Note(what, why));
            }
        };
    }
}
