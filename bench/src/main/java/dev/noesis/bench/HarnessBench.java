package dev.noesis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noesis.experiments.log.ModelIdentity;
import dev.noesis.experiments.log.Usage;
import dev.noesis.experiments.run.Arm;
import dev.noesis.experiments.run.ArmAnswer;
import dev.noesis.experiments.run.ArmFactory;
import dev.noesis.experiments.run.ArmSpec;
import dev.noesis.experiments.run.ExperimentRunner;
import dev.noesis.experiments.run.PreparedSetup;
import dev.noesis.experiments.run.RunSummary;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import dev.noesis.experiments.suite.user.UserSuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the experiment harness costs per item with the model's time taken out: a whole run (plan,
 * run folder, per-item extraction and scoring, trace files, the forced item log, then results.json
 * with its paired bootstrap) of a user suite, on an arm that answers at once. One operation is one
 * run of {@code items} items on two pipelines; divide by {@code 2·items} for a figure per item, and
 * compare two sizes from the same run to separate the per-item cost from the per-run cost:
 * {@code (t(1000) − t(100)) / 1800}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class HarnessBench {

    /** Items in the suite; each is run once per pipeline. */
    @Param({"100", "1000"})
    public int items;

    private Path work;
    private UserSuite suite;
    private final AtomicLong runs = new AtomicLong();

    @Setup(Level.Trial)
    public void writeSuite() throws IOException {
        work = Files.createTempDirectory("noesis-harness-bench");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < items; i++) {
            lines.append("{\"id\":\"q")
                    .append(i)
                    .append("\",\"question\":\"What is ")
                    .append(i)
                    .append(" plus two?\",\"answer\":\"")
                    .append(i + 2)
                    .append("\",\"category\":\"")
                    .append(i % 3 == 0 ? "hard" : "easy")
                    .append("\"}\n");
        }
        Path jsonl = work.resolve("bench.jsonl");
        Files.writeString(jsonl, lines);
        suite = UserSuite.load(jsonl);
    }

    @TearDown(Level.Trial)
    public void deleteWork() throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    public RunSummary run() {
        ExperimentSpec spec = ExperimentSpec.builder()
                .suites(List.of(suite.name()))
                .pipelines(List.of("raw", "other"))
                .models(List.of("models/instant"))
                .seeds(List.of(1L))
                .build();
        Path folder = work.resolve("run-" + runs.incrementAndGet());
        RunSummary summary = ExperimentRunner.builder(spec, Map.of(suite.name(), suite), new InstantArms())
                .build()
                .run(folder);
        if (summary.ranNow() != 2L * items) {
            throw new IllegalStateException("ran " + summary.ranNow() + " of " + 2 * items + " item runs");
        }
        return summary;
    }

    /** Answers at once: right for about two items in three, with a trace the size of a short real one. */
    static final class InstantArms implements ArmFactory {
        private static final String NOTE = "x".repeat(600);

        @Override
        public ModelIdentity identify(String model) {
            return ModelIdentity.folder(model, "sha256:instant");
        }

        @Override
        public Arm open(ArmSpec spec, PreparedSetup setup) {
            return (item, prompt, params) -> {
                int n = Integer.parseInt(item.id().substring(1));
                String answer = (n + spec.pipeline().length()) % 3 == 0
                        ? "no idea"
                        : item.gold().getFirst();
                return ArmAnswer.completed("Answer: " + answer, new Usage(120, 8, 1, 0, 0, 0), trace(prompt));
            };
        }

        private static JsonNode trace(String prompt) {
            ObjectNode trace = JsonNodeFactory.instance.objectNode();
            trace.put("pipeline", "bench");
            List<JsonNode> spans = new ArrayList<>();
            for (int step = 0; step < 2; step++) {
                spans.add(JsonNodeFactory.instance
                        .objectNode()
                        .put("step", step)
                        .put("prompt", prompt)
                        .put("note", NOTE));
            }
            trace.putArray("spans").addAll(spans);
            return trace;
        }
    }
}
