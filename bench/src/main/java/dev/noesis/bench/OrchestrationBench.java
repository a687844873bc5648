package dev.noesis.bench;

import dev.noesis.core.model.Completion;
import dev.noesis.core.model.FinishReason;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.TokenListener;
import dev.noesis.modules.DefaultModuleEnvironment;
import dev.noesis.orchestrator.Orchestrator;
import dev.noesis.orchestrator.Pipeline;
import dev.noesis.orchestrator.RunRequest;
import dev.noesis.orchestrator.RunResult;
import dev.noesis.orchestrator.pipeline.ModuleRegistry;
import dev.noesis.orchestrator.pipeline.Pipelines;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What Noesis itself costs per pipeline step, with the model taken out: a test double answers
 * every call at once, so a run's time is the orchestrator's (metering, tracing, control forms)
 * plus the modules' own work (templates, structured-output validation, checks). Divide a run's
 * time by the steps it took, which setup prints.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class OrchestrationBench {

    /** The pipelines measured; setup prints how many steps one run of each takes. */
    @Param({"raw", "plan-solve", "critique-refine", "self-consistency"})
    public String pipeline;

    private Orchestrator orchestrator;
    private Pipeline compiled;
    private RunRequest request;

    /** Answers instantly: a plan when asked for one, a rejecting verdict for the critic, else a short answer. */
    static final class InstantModel implements LanguageModel {
        @Override
        public String name() {
            return "instant";
        }

        @Override
        public Completion generate(Prompt prompt, GenerationParams params, TokenListener listener) {
            String user = prompt.messages().get(prompt.messages().size() - 1).content();
            String text;
            if (user.contains("sub-goals")) {
                text = "{\"steps\":[\"multiply 17 by 20\",\"multiply 17 by 3\",\"add the two\"]}";
            } else if (user.contains("candidate answer")) {
                text = "{\"verdict\":\"revise\",\"score\":3,\"issues\":[\"show the working\"]}";
            } else {
                text = "17 * 23 = 391, so the answer is 391.";
            }
            listener.onText(text);
            return new Completion(text, 40, 12, 0, 0, 0, FinishReason.END_OF_SEQUENCE);
        }
    }

    @Setup
    public void setUp() {
        Pipelines catalog = new Pipelines(ModuleRegistry.load(DefaultModuleEnvironment.shipped()), Optional.empty());
        compiled = catalog.get(pipeline);
        orchestrator = new Orchestrator(new InstantModel());
        request = RunRequest.of("What is 17 * 23?");
        RunResult once = orchestrator.run(compiled, request);
        System.err.printf(
                "%s: %d steps per run (%d model calls); divide the time per run by the steps%n",
                pipeline, once.trace().spans().size(), once.usage().modelCalls());
    }

    @Benchmark
    public RunResult run() {
        return orchestrator.run(compiled, request);
    }
}
