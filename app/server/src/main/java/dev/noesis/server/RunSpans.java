package dev.noesis.server;

import dev.noesis.core.model.FinishReason;
import dev.noesis.core.run.Usage;
import dev.noesis.core.trace.ModelCall;
import dev.noesis.core.trace.Span;
import dev.noesis.core.trace.Trace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A finished run as OpenTelemetry spans, with the GenAI semantic conventions: the run is an
 * {@code invoke_agent} span named after its pipeline; each step is a span inside it (a step
 * inside a {@code repeat}, {@code fanout} or {@code when} inside that form's span, as its
 * {@code where} path says); each model call is a {@code chat} span inside its step, with its
 * tokens and finish reason. Times come from the trace (each step's and call's start after the
 * run's), so the spans show what ran when, not when they were exported. Prompts and outputs are
 * never put in a span: a collector sees shapes, tokens and timings, not content.
 */
final class RunSpans {

    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<List<String>> FINISH_REASONS =
            AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("noesis.run.id");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("noesis.run.outcome");
    static final AttributeKey<Long> STEP = AttributeKey.longKey("noesis.step.index");
    static final AttributeKey<String> WHERE = AttributeKey.stringKey("noesis.step.where");
    static final AttributeKey<String> MODULE = AttributeKey.stringKey("noesis.step.module");
    static final AttributeKey<Long> REUSED_TOKENS = AttributeKey.longKey("noesis.usage.reused_prompt_tokens");

    private RunSpans() {}

    /**
     * Emits the run's spans through {@code tracer}.
     *
     * @param runId       the run's id as the server gives it ({@code /api/runs/{id}}, the reply's {@code noesis.run_id})
     * @param provider    the GenAI provider of the model calls ({@code jlama} in process, else {@code openai})
     * @param startMillis when the run began, in epoch milliseconds
     */
    static void emit(
            Tracer tracer, String runId, Trace trace, Usage usage, String outcome, String provider, long startMillis) {
        long wallMs = usage.modelMs() + usage.overheadMs();
        io.opentelemetry.api.trace.Span run = at(
                        tracer.spanBuilder("invoke_agent " + trace.pipeline()).setSpanKind(SpanKind.INTERNAL),
                        startMillis)
                .setAttribute(OPERATION, "invoke_agent")
                .setAttribute(PROVIDER, provider)
                .setAttribute(AGENT_NAME, trace.pipeline())
                .setAttribute(REQUEST_MODEL, trace.model())
                .setAttribute(RUN_ID, runId)
                .setAttribute(OUTCOME, outcome)
                .setAttribute(INPUT_TOKENS, usage.promptTokens())
                .setAttribute(OUTPUT_TOKENS, usage.completionTokens())
                .startSpan();
        if (outcome.equals("FAILED")) {
            run.setStatus(StatusCode.ERROR);
        }

        // Parents before children: a step's parent is the span whose path its own extends.
        List<Span> steps = new ArrayList<>(trace.spans());
        steps.sort(Comparator.comparingInt((Span s) -> depth(s.where())).thenComparingInt(Span::step));
        Map<String, io.opentelemetry.api.trace.Span> byWhere = new HashMap<>();
        for (Span step : steps) {
            io.opentelemetry.api.trace.Span parent = parentOf(step.where(), byWhere, run);
            long stepStart = startMillis + step.startMs();
            io.opentelemetry.api.trace.Span span = at(
                            tracer.spanBuilder(step.module())
                                    .setParent(Context.root().with(parent))
                                    .setSpanKind(SpanKind.INTERNAL),
                            stepStart)
                    .setAttribute(STEP, (long) step.step())
                    .setAttribute(WHERE, step.where())
                    .setAttribute(MODULE, step.module())
                    .startSpan();
            if (step.failed()) {
                span.setStatus(StatusCode.ERROR, step.error());
            }
            for (ModelCall call : step.calls()) {
                long callStart = startMillis + call.startMs();
                at(
                                tracer.spanBuilder("chat " + trace.model())
                                        .setParent(Context.root().with(span))
                                        .setSpanKind(SpanKind.CLIENT),
                                callStart)
                        .setAttribute(OPERATION, "chat")
                        .setAttribute(PROVIDER, provider)
                        .setAttribute(REQUEST_MODEL, trace.model())
                        .setAttribute(INPUT_TOKENS, (long) call.promptTokens())
                        .setAttribute(OUTPUT_TOKENS, (long) call.completionTokens())
                        .setAttribute(REUSED_TOKENS, (long) call.reusedPromptTokens())
                        .setAttribute(FINISH_REASONS, List.of(finishReason(call.finishReason())))
                        .startSpan()
                        .end(callStart + call.modelMs(), TimeUnit.MILLISECONDS);
            }
            byWhere.put(step.where(), span);
            span.end(stepStart + step.durationMs(), TimeUnit.MILLISECONDS);
        }
        run.end(startMillis + wallMs, TimeUnit.MILLISECONDS);
    }

    /** As the OpenAI API (and so most GenAI instrumentations) words it: {@code stop} and {@code length}. */
    static String finishReason(FinishReason reason) {
        return switch (reason) {
            case END_OF_SEQUENCE, STOP_SEQUENCE -> "stop";
            case MAX_TOKENS, CONTEXT_LIMIT -> "length";
            case CANCELLED -> "cancelled";
        };
    }

    private static SpanBuilder at(SpanBuilder b, long epochMillis) {
        return b.setStartTimestamp(epochMillis, TimeUnit.MILLISECONDS);
    }

    private static int depth(String where) {
        return where.split(" > ", -1).length;
    }

    /** The span of the nearest enclosing form ({@code steps[2]} for {@code steps[2] > repeat 1/3 > steps[0]}). */
    private static io.opentelemetry.api.trace.Span parentOf(
            String where, Map<String, io.opentelemetry.api.trace.Span> byWhere, io.opentelemetry.api.trace.Span run) {
        String path = where;
        int cut;
        while ((cut = path.lastIndexOf(" > ")) >= 0) {
            path = path.substring(0, cut);
            io.opentelemetry.api.trace.Span found = byWhere.get(path);
            if (found != null) {
                return found;
            }
        }
        return run;
    }
}
