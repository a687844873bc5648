package dev.noesis.orchestrator;

import dev.noesis.core.error.BudgetExceededException;
import dev.noesis.core.model.Completion;
import dev.noesis.core.model.FinishReason;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.StructuredResult;
import dev.noesis.core.model.TokenListener;
import dev.noesis.core.run.Budget;
import dev.noesis.core.run.Usage;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.core.trace.ModelCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Counts a run's model calls against its budget. Modules call the model through {@link #model}:
 * a call is refused once the call or token budget is spent, new tokens are capped to what the
 * budget has left, and every call is handed to the current step's recorder. The budget is the
 * run's, whichever adapter a call uses; each adapter's calls share a session of their own, so a
 * KV cache never holds one variant's keys for another's calls.
 */
final class RunMeter {

    private final AdapterModels models;
    private final Budget budget;
    private final String session;
    private final long startNanos;
    private final Map<String, Metered> byAdapter = new LinkedHashMap<>();
    private int calls;
    private long promptTokens;
    private long completionTokens;
    private long reusedPromptTokens;
    private long modelMs;
    private boolean cancelled;
    private Consumer<ModelCall> recorder = call -> {};

    /**
     * @param session    the session every call of the run joins (for KV-cache reuse), or null for none
     * @param startNanos when the run began ({@link System#nanoTime()}), which calls' start times count from
     */
    RunMeter(AdapterModels models, Budget budget, String session, long startNanos) {
        this.startNanos = startNanos;
        this.models = models;
        this.budget = budget;
        this.session = session;
        byAdapter.put(BASE, new Metered(models.base(), session));
    }

    /** The key of the base model among the metered models. */
    private static final String BASE = "";

    /** The run's model as modules see it, on the base model. */
    LanguageModel model() {
        return model(null);
    }

    /** The run's model as modules see it, on {@code adapter} (null: the base), opened on first use. */
    synchronized LanguageModel model(String adapter) {
        String key = AdapterChoice.isBase(adapter) ? BASE : adapter.strip();
        Metered m = byAdapter.get(key);
        if (m == null) {
            m = new Metered(models.withAdapter(key), session == null ? null : session + "@" + key);
            byAdapter.put(key, m);
        }
        return m;
    }

    /** Ends the session of every model the run used. */
    synchronized void endSessions() {
        if (session != null) {
            for (Metered m : byAdapter.values()) {
                m.backend.endSession(m.session);
            }
        }
    }

    void recordInto(Consumer<ModelCall> recorder) {
        this.recorder = recorder;
    }

    /** True once a model call ended because its thread was interrupted. */
    boolean cancelled() {
        return cancelled;
    }

    Usage usage(long wallMs) {
        return new Usage(
                calls, promptTokens, completionTokens, reusedPromptTokens, modelMs, Math.max(0, wallMs - modelMs));
    }

    /** One backend's calls, metered against the run's budget. */
    private final class Metered implements LanguageModel {
        final LanguageModel backend;
        final String session;

        Metered(LanguageModel backend, String session) {
            this.backend = backend;
            this.session = session;
        }

        private Prompt inSession(Prompt prompt) {
            return session != null && prompt.sessionId() == null ? prompt.withSession(session) : prompt;
        }

        @Override
        public String name() {
            return backend.name();
        }

        @Override
        public Completion generate(Prompt prompt, GenerationParams params, TokenListener listener) {
            long begun = System.nanoTime();
            Completion c = backend.generate(inSession(prompt), capped(params), listener);
            count(prompt, c, begun);
            return c;
        }

        /** The backend's, so that modules fit their prompts to the real model. */
        @Override
        public int contextLength() {
            return backend.contextLength();
        }

        /** Counting is not a model call: it is neither metered nor traced. */
        @Override
        public int countTokens(Prompt prompt) {
            return backend.countTokens(prompt);
        }

        /** Forwarded as such, so a backend that constrains its decoding keeps doing so inside a run. */
        @Override
        public StructuredResult generateJson(Prompt prompt, JsonSchema schema, GenerationParams params) {
            long begun = System.nanoTime();
            StructuredResult r = backend.generateJson(inSession(prompt), schema, capped(params));
            count(prompt, r.completion(), begun);
            return r;
        }
    }

    /**
     * Refuses a call once the budget is spent; caps new tokens to what it has left. Calls are
     * counted when they return, so calls made in parallel can pass the budget by those in flight.
     */
    private synchronized GenerationParams capped(GenerationParams params) {
        if (calls >= budget.maxModelCalls()) {
            throw new BudgetExceededException(
                    "the run's budget of " + budget.maxModelCalls() + " model calls is used up");
        }
        long left = budget.maxTokens() - promptTokens - completionTokens;
        if (left <= 0) {
            throw new BudgetExceededException("the run's budget of " + budget.maxTokens() + " tokens is used up");
        }
        return params.maxNewTokens() > left ? params.withMaxNewTokens((int) left) : params;
    }

    private synchronized void count(Prompt prompt, Completion c, long begunNanos) {
        calls++;
        promptTokens += c.promptTokens();
        completionTokens += c.completionTokens();
        reusedPromptTokens += c.reusedPromptTokens();
        modelMs += c.totalMs();
        cancelled |= c.finishReason() == FinishReason.CANCELLED;
        recorder.accept(ModelCall.of(prompt, c, TimeUnit.NANOSECONDS.toMillis(begunNanos - startNanos)));
    }

    /** A recorder for one step's calls. */
    static final class StepCalls implements Consumer<ModelCall> {
        final List<ModelCall> calls = new ArrayList<>();

        @Override
        public void accept(ModelCall call) {
            calls.add(call);
        }
    }
}
