package dev.noesis.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.experiments.log.ItemLogReader;
import dev.noesis.experiments.log.ItemRecord;
import dev.noesis.experiments.log.ModelIdentity;
import dev.noesis.experiments.log.Outcome;
import dev.noesis.experiments.log.RunDirectory;
import dev.noesis.experiments.log.Usage;
import dev.noesis.experiments.report.ArmResult;
import dev.noesis.experiments.report.ReportWriter;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import dev.noesis.experiments.suite.Suite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resumed run retries item runs its log says failed, once by default: the retry's record supersedes
 * the failure (one record per item as readers see it, the latest attempt), and the report says so.
 */
class RetryFailedTest {

    private static final int ITEMS = 10;
    private static final Map<String, Suite> SUITES = Map.of("tiny", new TinySuite("tiny", ITEMS));

    @TempDir
    Path work;

    /** Answers every item right, except that the first {@code failing} calls of each item fail. */
    private static final class Flaky implements ArmFactory {
        final Map<String, AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();
        final int failing;

        Flaky(int failing) {
            this.failing = failing;
        }

        @Override
        public ModelIdentity identify(String model) {
            return ModelIdentity.folder(model, "sha256:f1a4");
        }

        @Override
        public Arm open(ArmSpec arm, PreparedSetup setup) {
            return (item, prompt, params) -> {
                int n = calls.computeIfAbsent(item.id(), k -> new AtomicInteger())
                        .incrementAndGet();
                boolean odd = Integer.parseInt(item.id().replaceAll("\\D+", "")) % 2 == 1;
                if (odd && n <= failing) {
                    return ArmAnswer.failed("transient failure " + n, Usage.NONE, null);
                }
                return ArmAnswer.completed(item.gold().getFirst(), new Usage(1, 1, 1, 1, 0, 0), null);
            };
        }
    }

    private static ExperimentSpec spec() {
        return ExperimentSpec.builder()
                .suites(List.of("tiny"))
                .pipelines(List.of("raw"))
                .models(List.of("m"))
                .build();
    }

    @Test
    void aFailureIsRetriedOnceOnResumeAndTheRetrySupersedesIt() throws Exception {
        Path folder = work.resolve("run");
        Flaky arms = new Flaky(2);
        RunSummary first =
                ExperimentRunner.builder(spec(), SUITES, arms).build().run(folder);
        assertThat(first.failedNow()).isEqualTo(ITEMS / 2);

        // Resumed: the five failures run again (and fail again: the arm fails twice per odd item).
        RunSummary second =
                ExperimentRunner.builder(spec(), SUITES, arms).build().run(folder);
        assertThat(second.ranNow()).isEqualTo(ITEMS / 2);
        assertThat(second.skipped()).isEqualTo(ITEMS / 2);
        // Resumed again: attempt 2 failed, and one retry is the default: nothing runs.
        RunSummary third =
                ExperimentRunner.builder(spec(), SUITES, arms).build().run(folder);
        assertThat(third.ranNow()).isZero();
        // Allowed a second retry: the third attempt succeeds.
        RunSummary fourth = ExperimentRunner.builder(spec(), SUITES, arms)
                .retryFailed(2)
                .build()
                .run(folder);
        assertThat(fourth.ranNow()).isEqualTo(ITEMS / 2);
        assertThat(fourth.failedNow()).isZero();

        assertThat(Files.readAllLines(folder.resolve(RunDirectory.ITEMS)))
                .as("every attempt stays in the log")
                .hasSize(ITEMS + 2 * (ITEMS / 2));
        List<ItemRecord> read =
                ItemLogReader.read(folder.resolve(RunDirectory.ITEMS)).records();
        assertThat(read).as("one record per item, the latest attempt").hasSize(ITEMS);
        assertThat(read).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.COMPLETED));
        assertThat(read.stream().filter(r -> r.attemptNumber() == 3)).hasSize(ITEMS / 2);
        ArmResult arm = fourth.results().orElseThrow().arms().getFirst();
        assertThat(arm.n()).isEqualTo(ITEMS);
        assertThat(arm.failed()).isZero();
        assertThat(arm.mean()).isEqualTo(1.0);
        String report = Files.readString(ReportWriter.rebuild(folder).markdown());
        assertThat(report).contains("**Retries:** 5 item runs had failed and were run again on resume; 5 of them");
    }

    @Test
    void noRetryLeavesTheFailuresAsTheyWere() {
        Path folder = work.resolve("run");
        Flaky arms = new Flaky(1);
        ExperimentRunner.builder(spec(), SUITES, arms).build().run(folder);
        RunSummary again = ExperimentRunner.builder(spec(), SUITES, arms)
                .retryFailed(0)
                .build()
                .run(folder);
        assertThat(again.ranNow()).isZero();
        assertThat(again.results().orElseThrow().arms().getFirst().failed()).isEqualTo(ITEMS / 2);
    }
}
