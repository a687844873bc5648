package dev.noesis.server;

import dev.noesis.core.run.Usage;
import dev.noesis.orchestrator.RunResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * What Prometheus sees of the runs ({@code /q/metrics}): runs by model and outcome, tokens and model
 * time by model, and the run queue's depth. The {@code model} tag is the resolved
 * {@code PIPELINE@MODEL}, never the request's text, so a client cannot create series at will.
 */
public final class RunMetrics {

    private final MeterRegistry registry;

    RunMetrics(MeterRegistry registry, RunGate gate) {
        this.registry = registry;
        registry.gauge("noesis.queue.depth", gate, RunGate::load);
    }

    /** Counts a finished run of {@code target}. */
    public void finished(NoesisService.Target target, RunResult result) {
        String model = target.pipelineName() + "@" + target.modelId();
        Usage u = result.usage();
        Counter.builder("noesis.runs")
                .description("Chat completion runs")
                .tag("model", model)
                .tag("outcome", result.outcome().name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
        Counter.builder("noesis.tokens.generated")
                .description("Tokens the model generated")
                .tag("model", model)
                .register(registry)
                .increment(u.completionTokens());
        Counter.builder("noesis.tokens.prompt")
                .description("Prompt tokens the model read")
                .tag("model", model)
                .register(registry)
                .increment(u.promptTokens());
        Timer.builder("noesis.model.time")
                .description("Time spent in the model per run")
                .tag("model", model)
                .register(registry)
                .record(Duration.ofMillis(u.modelMs()));
        Timer.builder("noesis.overhead.time")
                .description("Time Noesis spent per run outside the model")
                .tag("model", model)
                .register(registry)
                .record(Duration.ofMillis(u.overheadMs()));
    }
}
