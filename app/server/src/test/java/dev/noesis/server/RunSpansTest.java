package dev.noesis.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.model.FinishReason;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.run.Usage;
import dev.noesis.core.trace.ModelCall;
import dev.noesis.core.trace.Note;
import dev.noesis.core.trace.Span;
import dev.noesis.core.trace.Trace;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A run's trace as spans: nesting from the steps' paths, timings from the trace, GenAI attributes. */
class RunSpansTest {

    private static final long START = 1_700_000_000_000L;

    @Test
    void aFanoutRunBecomesNestedSpansWithTheTracesTimesAndTokens() {
        Trace trace = new Trace(
                "trace-1",
                "self-consistency",
                "noesis-tiny",
                List.of(
                        new Span(
                                0,
                                "steps[0] > fanout 1/2 > steps[0]",
                                "generator",
                                Map.of(),
                                List.of(call(5, 7, 9)),
                                List.of(),
                                4,
                                12,
                                null),
                        new Span(
                                1,
                                "steps[0] > fanout 2/2 > steps[0]",
                                "generator",
                                Map.of(),
                                List.of(call(18, 7, 3)),
                                List.of(),
                                17,
                                12,
                                null),
                        new Span(
                                2,
                                "steps[0]",
                                "fanout",
                                Map.of("n", 2),
                                List.of(),
                                List.of(new Note("2 branches gave 2 drafts", "seeds 1..2")),
                                3,
                                27,
                                null),
                        new Span(
                                3,
                                "steps[0] > select",
                                "selector",
                                Map.of(),
                                List.of(),
                                List.of(),
                                30,
                                2,
                                "no draft to choose")));
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        List<SpanData> spans;
        // Read before the provider closes: closing it shuts the exporter, which forgets its spans.
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build()) {
            RunSpans.emit(
                    provider.get("test"), "run-7", trace, new Usage(2, 20, 12, 0, 30, 5), "FAILED", "jlama", START);
            spans = exporter.getFinishedSpanItems();
        }
        assertThat(spans).hasSize(7);
        Map<String, List<SpanData>> byName = spans.stream().collect(Collectors.groupingBy(SpanData::getName));

        SpanData run = byName.get("invoke_agent self-consistency").getFirst();
        assertThat(run.getParentSpanContext().isValid()).isFalse();
        assertThat(run.getAttributes().get(RunSpans.OPERATION)).isEqualTo("invoke_agent");
        assertThat(run.getAttributes().get(RunSpans.AGENT_NAME)).isEqualTo("self-consistency");
        assertThat(run.getAttributes().get(RunSpans.RUN_ID)).isEqualTo("run-7");
        assertThat(run.getAttributes().get(RunSpans.INPUT_TOKENS)).isEqualTo(20);
        assertThat(run.getAttributes().get(RunSpans.OUTPUT_TOKENS)).isEqualTo(12);
        assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(millis(run.getStartEpochNanos())).isEqualTo(START);
        assertThat(millis(run.getEndEpochNanos())).isEqualTo(START + 35);

        SpanData fanout = byName.get("fanout").getFirst();
        assertThat(fanout.getParentSpanId()).isEqualTo(run.getSpanId());
        assertThat(millis(fanout.getStartEpochNanos())).isEqualTo(START + 3);
        assertThat(millis(fanout.getEndEpochNanos())).isEqualTo(START + 30);

        List<SpanData> generators = byName.get("generator");
        assertThat(generators).hasSize(2).allMatch(g -> g.getParentSpanId().equals(fanout.getSpanId()));
        SpanData selector = byName.get("selector").getFirst();
        assertThat(selector.getParentSpanId()).isEqualTo(fanout.getSpanId());
        assertThat(selector.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(selector.getStatus().getDescription()).isEqualTo("no draft to choose");

        List<SpanData> chats = byName.get("chat noesis-tiny");
        assertThat(chats).hasSize(2);
        SpanData first = chats.stream()
                .filter(c -> millis(c.getStartEpochNanos()) == START + 5)
                .findFirst()
                .orElseThrow();
        SpanData firstGenerator = generators.stream()
                .filter(g -> millis(g.getStartEpochNanos()) == START + 4)
                .findFirst()
                .orElseThrow();
        assertThat(first.getParentSpanId()).isEqualTo(firstGenerator.getSpanId());
        assertThat(first.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(millis(first.getEndEpochNanos())).isEqualTo(START + 5 + 7);
        assertThat(first.getAttributes().get(RunSpans.OPERATION)).isEqualTo("chat");
        assertThat(first.getAttributes().get(RunSpans.PROVIDER)).isEqualTo("jlama");
        assertThat(first.getAttributes().get(RunSpans.REQUEST_MODEL)).isEqualTo("noesis-tiny");
        assertThat(first.getAttributes().get(RunSpans.INPUT_TOKENS)).isEqualTo(10);
        assertThat(first.getAttributes().get(RunSpans.OUTPUT_TOKENS)).isEqualTo(9);
        assertThat(first.getAttributes().get(RunSpans.FINISH_REASONS)).containsExactly("length");
        // Content never goes into a span.
        assertThat(spans)
                .allSatisfy(s -> assertThat(s.getAttributes().toString()).doesNotContain("the question"));
    }

    private static ModelCall call(long startMs, long ms, int completionTokens) {
        return new ModelCall(
                Prompt.of("the question"),
                "an answer",
                10,
                completionTokens,
                0,
                2,
                ms - 2,
                FinishReason.MAX_TOKENS,
                startMs);
    }

    private static long millis(long epochNanos) {
        return TimeUnit.NANOSECONDS.toMillis(epochNanos);
    }
}
