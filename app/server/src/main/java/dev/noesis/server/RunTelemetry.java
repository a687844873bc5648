package dev.noesis.server;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.run.Usage;
import dev.noesis.core.trace.Trace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends each finished run to an OpenTelemetry collector as spans ({@link RunSpans}) over OTLP/HTTP,
 * when {@code noesis.server.otlp-endpoint} names one. Without it this is {@link #OFF}: no SDK is
 * set up and nothing leaves the machine. Spans are batched and sent from a thread of their own,
 * so a slow or absent collector never delays a reply; what it cannot take is dropped by the SDK.
 */
class RunTelemetry implements AutoCloseable {

    /** Sends nothing. */
    static final RunTelemetry OFF = new RunTelemetry(null);

    static final String SETTING = "noesis.server.otlp-endpoint";
    private static final Logger LOG = Logger.getLogger(RunTelemetry.class);

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    RunTelemetry(SpanProcessor processor) {
        if (processor == null) {
            this.provider = null;
            this.tracer = null;
        } else {
            this.provider = SdkTracerProvider.builder()
                    .setResource(Resource.getDefault()
                            .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "noesis"))))
                    .addSpanProcessor(processor)
                    .build();
            this.tracer = provider.get("dev.noesis.server");
        }
    }

    /** Off for no endpoint; else spans for the collector at {@code endpoint} (its OTLP/HTTP base address). */
    static RunTelemetry open(Optional<String> endpoint) {
        if (endpoint.isEmpty() || endpoint.get().isBlank()) {
            return OFF;
        }
        URI base = base(endpoint.get().strip());
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(base.resolve("v1/traces").toString())
                .setTimeout(10, TimeUnit.SECONDS)
                .build();
        return new RunTelemetry(BatchSpanProcessor.builder(exporter).build());
    }

    private static URI base(String endpoint) {
        URI uri;
        try {
            uri = URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/");
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null
                || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new InvalidInputException(SETTING + " must be an http:// or https:// address, such as"
                    + " http://127.0.0.1:4318 (a collector's OTLP/HTTP port); it is '" + endpoint + "'.");
        }
        return uri;
    }

    boolean on() {
        return tracer != null;
    }

    /** Sends a run that has just finished. */
    void finished(String runId, Trace trace, Usage usage, String outcome, String provider) {
        if (tracer == null) {
            return;
        }
        long wallMs = usage.modelMs() + usage.overheadMs();
        try {
            RunSpans.emit(tracer, runId, trace, usage, outcome, provider, System.currentTimeMillis() - wallMs);
        } catch (RuntimeException e) {
            // Telemetry never fails a reply: the run has answered already.
            LOG.warnf("Run %s could not be made into spans: %s", runId, e.getMessage());
        }
    }

    /** Sends what is still batched (waiting a few seconds at most), then stops. */
    @Override
    public void close() {
        if (provider != null) {
            provider.shutdown().join(5, TimeUnit.SECONDS);
        }
    }
}
