package dev.noesis.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.Provenance;
import dev.noesis.experiments.log.ItemKey;
import dev.noesis.experiments.log.ItemLogReader;
import dev.noesis.experiments.log.ItemRecord;
import dev.noesis.experiments.log.Outcome;
import dev.noesis.experiments.log.RunDirectory;
import dev.noesis.experiments.report.ArmResult;
import dev.noesis.experiments.report.ComparisonResult;
import dev.noesis.experiments.report.ExperimentResults;
import dev.noesis.experiments.run.cost.CostModel;
import dev.noesis.experiments.run.cost.HardwareProfile;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import dev.noesis.experiments.suite.Suite;
import dev.noesis.experiments.suite.SuiteSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRunnerTest {

    @TempDir
    Path work;

    private static final Map<String, Suite> SUITES = Map.of("tiny", new TinySuite("tiny", 40));

    private static ExperimentSpec spec(int limit) {
        return ExperimentSpec.builder()
                .suites(List.of("tiny"))
                .pipelines(List.of("raw", "good"))
                .models(List.of("models/m"))
                .seeds(List.of(1L, 2L))
                .limit(limit)
                .build();
    }

    private static KnownAccuracyArms arms() {
        return new KnownAccuracyArms(Map.of("raw", 0.3, "good", 0.9), Set.of());
    }

    @Test
    void everyItemRunIsLoggedOnceAndTheResultsComeFromTheLog() throws Exception {
        KnownAccuracyArms arms = arms();
        List<ItemRecord> live = new CopyOnWriteArrayList<>();
        List<Progress> progress = new CopyOnWriteArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void itemLogged(ItemRecord record, Progress p) {
                live.add(record);
                progress.add(p);
            }
        };
        Path folder = work.resolve("run");
        RunSummary summary = ExperimentRunner.builder(spec(30), SUITES, arms)
                .listener(listener)
                .cost(CostModel.hardware(new HardwareProfile(300, 0.3, 2000, 6000)))
                .build()
                .run(folder);

        // 1 suite × 2 pipelines × 1 model × 1 params × 2 seeds × 30 items
        assertThat(summary.total()).isEqualTo(120);
        assertThat(summary.ranNow()).isEqualTo(120);
        assertThat(summary.cancelled()).isFalse();
        List<ItemRecord> logged =
                ItemLogReader.read(folder.resolve(RunDirectory.ITEMS)).records();
        assertThat(logged).hasSize(120);
        assertThat(logged.stream().map(ItemRecord::key).distinct()).hasSize(120);
        assertThat(arms.calls.get()).isEqualTo(120);
        assertThat(progress.getLast().done()).isEqualTo(120);
        assertThat(progress.getLast().runningMean()).containsKeys("tiny: raw", "tiny: good");

        // Every record points to its trace, which is there.
        for (ItemRecord r : logged) {
            assertThat(r.trace()).startsWith("traces/");
            JsonNode trace =
                    new ObjectMapper().readTree(folder.resolve(r.trace()).toFile());
            assertThat(trace.get("item").asText()).isEqualTo(r.itemId());
        }

        // The prompt is the suite's instructions, a blank line, the question.
        assertThat(arms.prompts.get("q3")).isEqualTo("Answer with the code only.\n\nWhat is code 3?");

        // Results from the log equal results from the records as they were logged live.
        ExperimentResults fromLog =
                LoggedResults.read(folder, CostModel.hardware(new HardwareProfile(300, 0.3, 2000, 6000)));
        JsonNode config = new ObjectMapper()
                .readTree(folder.resolve(RunDirectory.MANIFEST).toFile())
                .get("config");
        ExperimentResults fromLive =
                LoggedResults.build(config, live, CostModel.hardware(new HardwareProfile(300, 0.3, 2000, 6000)));
        assertThat(fromLog).isEqualTo(fromLive);
        assertThat(summary.results()).contains(fromLog);
        assertThat(Files.exists(folder.resolve(LoggedResults.RESULTS))).isTrue();

        ArmResult raw = fromLog.arms().get(0);
        ArmResult good = fromLog.arms().get(1);
        assertThat(raw.pipeline()).isEqualTo("raw");
        assertThat(raw.n()).isEqualTo(30);
        assertThat(raw.runs()).isEqualTo(60);
        assertThat(raw.seeds()).isEqualTo(2);
        assertThat(raw.tokens()).isEqualTo(60 * 110);
        assertThat(raw.modelSeconds()).isEqualTo(60 * 0.05);
        assertThat(raw.ciMethod())
                .as("two seeds per item: bootstrap over item means")
                .isEqualTo("percentile-bootstrap");
        double expectedRaw = logged.stream()
                        .filter(r -> r.pipeline().equals("raw"))
                        .mapToDouble(r -> r.scores().get("em"))
                        .sum()
                / 60;
        assertThat(raw.mean()).isCloseTo(expectedRaw, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(raw.costPer1k()).isNotNull().isPositive();
        assertThat(good.mean()).isGreaterThan(raw.mean());
        assertThat(raw.mean()).as("a known accuracy of 0.3").isBetween(0.1, 0.5);

        ComparisonResult c = fromLog.comparisons().getFirst();
        assertThat(fromLog.comparisons()).hasSize(1);
        assertThat(c.arm()).isEqualTo("good");
        assertThat(c.baseline()).isEqualTo("raw");
        assertThat(c.n()).isEqualTo(30);
        assertThat(c.delta()).isCloseTo(good.mean() - raw.mean(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(c.resamples()).isEqualTo(10_000);
        assertThat(c.seed()).isEqualTo(LoggedResults.RESAMPLING_SEED);
        assertThat(c.verdict().label()).isEqualTo("better");
    }

    @Test
    void aCancelledRunResumesWithNoItemLostOrDuplicated() {
        KnownAccuracyArms arms = arms();
        Path folder = work.resolve("run");
        AtomicReference<ExperimentRunner> runner = new AtomicReference<>();
        // Cancelled as the 50th call starts: items do not wait for the log, so the calls before it
        // (at least 47, with 3 in flight) are done and handed to the writer, which writes them whole.
        arms.onCall = n -> {
            if (n == 50) {
                runner.get().cancel();
            }
        };
        runner.set(ExperimentRunner.builder(spec(30), SUITES, arms).parallel(3).build());
        RunSummary first = runner.get().run(folder);
        Thread.interrupted(); // the runner sets it again after a cancellation, for its caller
        assertThat(first.cancelled()).isTrue();
        assertThat(first.results()).isEmpty();
        long afterFirst =
                ItemLogReader.read(folder.resolve(RunDirectory.ITEMS)).records().size();
        assertThat(afterFirst).isEqualTo(first.ranNow()).isBetween(47L, 119L);

        RunSummary second =
                ExperimentRunner.builder(spec(30), SUITES, arms).build().run(folder);
        assertThat(second.resumed()).isTrue();
        assertThat(second.skipped()).isEqualTo(afterFirst);
        assertThat(second.ranNow()).isEqualTo(120 - afterFirst);
        List<ItemRecord> all =
                ItemLogReader.read(folder.resolve(RunDirectory.ITEMS)).records();
        Set<ItemKey> keys = new HashSet<>();
        all.forEach(r -> keys.add(r.key()));
        assertThat(all).hasSize(120);
        assertThat(keys).hasSize(120);

        // Nothing left: a third run runs nothing.
        int before = arms.calls.get();
        int openedBefore = arms.opened.get();
        RunSummary third =
                ExperimentRunner.builder(spec(30), SUITES, arms).build().run(folder);
        assertThat(third.ranNow()).isZero();
        assertThat(arms.calls.get()).isEqualTo(before);
        assertThat(arms.opened.get())
                .as("no arm is opened when all its items are logged")
                .isEqualTo(openedBefore);
    }

    @Test
    void aFolderOfAnotherConfigIsRefusedNamingTheDifference() {
        Path folder = work.resolve("run");
        ExperimentRunner.builder(spec(10), SUITES, arms()).build().run(folder);
        assertThatThrownBy(() -> ExperimentRunner.builder(spec(12), SUITES, arms())
                        .build()
                        .run(folder))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'limit'")
                .hasMessageContaining("10")
                .hasMessageContaining("12");

        // A changed instruction is another experiment too.
        Map<String, Suite> changed = Map.of("tiny", new TinySuite("tiny", 40, SuiteSetup.NONE, "Be brief."));
        assertThatThrownBy(() -> ExperimentRunner.builder(spec(10), changed, arms())
                        .build()
                        .run(folder))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("resolved.suites.tiny.instructions");

        // Parallelism is not part of the config: the run resumes.
        ExperimentSpec parallel = ExperimentSpec.builder()
                .suites(List.of("tiny"))
                .pipelines(List.of("raw", "good"))
                .models(List.of("models/m"))
                .seeds(List.of(1L, 2L))
                .limit(10)
                .parallel(4)
                .build();
        assertThat(ExperimentRunner.builder(parallel, SUITES, arms())
                        .build()
                        .run(folder)
                        .resumed())
                .isTrue();
    }

    @Test
    void aFailingArmLogsFailedRecordsThatScoreZero() {
        KnownAccuracyArms arms = new KnownAccuracyArms(Map.of("raw", 0.5), Set.of("broken"));
        ExperimentSpec spec = ExperimentSpec.builder()
                .suites(List.of("tiny"))
                .pipelines(List.of("broken"))
                .models(List.of("models/m"))
                .limit(20)
                .build();
        Path folder = work.resolve("run");
        RunSummary summary =
                ExperimentRunner.builder(spec, SUITES, arms).build().run(folder);
        assertThat(summary.failedNow()).isEqualTo(20);
        List<ItemRecord> failed = ItemLogReader.read(folder.resolve(RunDirectory.ITEMS)).records().stream()
                .filter(r -> r.pipeline().equals("broken"))
                .toList();
        assertThat(failed).hasSize(20).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.error()).contains("IllegalStateException").contains("refused item " + r.itemId());
            assertThat(r.output()).isNull();
        });
        ArmResult broken = summary.results().orElseThrow().arms().get(1);
        assertThat(broken.pipeline()).isEqualTo("broken");
        assertThat(broken.failed()).isEqualTo(20);
        assertThat(broken.n()).isEqualTo(20);
        assertThat(broken.mean()).isZero();
        assertThat(summary.results()
                        .orElseThrow()
                        .comparisons()
                        .getFirst()
                        .verdict()
                        .label())
                .isEqualTo("worse");
    }

    @Test
    void parallelRunsLogTheSameRecordsAsOneAtATime() {
        KnownAccuracyArms arms = arms();
        arms.delayMs = 2;
        RunSummary one =
                ExperimentRunner.builder(spec(25), SUITES, arms).build().run(work.resolve("one"));
        RunSummary eight = ExperimentRunner.builder(spec(25), SUITES, arms)
                .parallel(8)
                .build()
                .run(work.resolve("eight"));
        assertThat(eight.results().orElseThrow().arms())
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("wallSeconds")
                .isEqualTo(one.results().orElseThrow().arms());
        assertThat(eight.results().orElseThrow().comparisons())
                .isEqualTo(one.results().orElseThrow().comparisons());
        assertThat(scores(work.resolve("eight"))).isEqualTo(scores(work.resolve("one")));
    }

    private static Set<String> scores(Path folder) {
        Set<String> out = new HashSet<>();
        ItemLogReader.read(folder.resolve(RunDirectory.ITEMS))
                .records()
                .forEach(r -> out.add(r.key() + "=" + r.scores()));
        return out;
    }

    @Test
    void aSuitesSetupIsInstalledOnceAndReusedByContent() throws Exception {
        SuiteSetup setup = new SuiteSetup(
                List.of(new SuiteSetup.SetupDocument("d1", "Doc", "The code of 1 is a1.")),
                List.of(Fact.of("code 1", "is", "a1", Provenance.of("test"))));
        Map<String, Suite> suites = Map.of("tiny", new TinySuite("tiny", 10, setup, ""));
        List<Path> installedInto = Collections.synchronizedList(new ArrayList<>());
        SetupEnvironment environment = (s, home) -> {
            installedInto.add(home);
            Files.writeString(home.resolve("index.txt"), s.documents().get(0).text());
        };
        List<PreparedSetup> reported = new CopyOnWriteArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void setupReady(PreparedSetup s) {
                reported.add(s);
            }
        };
        AtomicReference<PreparedSetup> given = new AtomicReference<>();
        KnownAccuracyArms known = arms();
        ArmFactory factory = new ArmFactory() {
            @Override
            public dev.noesis.experiments.log.ModelIdentity identify(String model) {
                return known.identify(model);
            }

            @Override
            public Arm open(ArmSpec arm, PreparedSetup s) {
                given.set(s);
                return known.open(arm, s);
            }
        };
        Path setups = work.resolve("setups");
        RunSummary first = ExperimentRunner.builder(spec(10), suites, factory)
                .setups(setups, environment)
                .listener(listener)
                .build()
                .run(work.resolve("a"));
        RunSummary second = ExperimentRunner.builder(spec(10), suites, factory)
                .setups(setups, environment)
                .build()
                .run(work.resolve("b"));
        assertThat(installedInto).hasSize(1);
        assertThat(first.setups().getFirst().reused()).isFalse();
        assertThat(first.setups().getFirst().documents()).isEqualTo(1);
        assertThat(first.setups().getFirst().facts()).isEqualTo(1);
        assertThat(second.setups().getFirst().reused()).isTrue();
        assertThat(reported).hasSize(1);
        assertThat(given.get().home()).isEqualTo(first.setups().getFirst().home());
        assertThat(given.get().home().resolve("index.txt")).hasContent("The code of 1 is a1.");
        assertThat(given.get().home().startsWith(setups)).isTrue();
        JsonNode report = new ObjectMapper()
                .readTree(work.resolve("a").resolve(SetupReport.FILE).toFile());
        assertThat(report.at("/0/suite").asText()).isEqualTo("tiny");
        assertThat(report.at("/0/reused").asBoolean()).isFalse();
        assertThat(report.at("/0/hash").asText()).isEqualTo(SetupCache.hash(setup));
        // No prompt gave instructions: the question alone.
        assertThat(known.prompts.get("q1")).isEqualTo("What is code 1?");
    }

    @Test
    void aSuiteNeedingSetupWithNowhereToPutItStopsTheRun() {
        SuiteSetup setup = new SuiteSetup(List.of(new SuiteSetup.SetupDocument("d1", "", "x")), List.of());
        Map<String, Suite> suites = Map.of("tiny", new TinySuite("tiny", 10, setup, ""));
        assertThatThrownBy(() -> ExperimentRunner.builder(spec(10), suites, arms())
                        .build()
                        .run(work.resolve("run")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("needs setup (1 documents, 0 facts)");
    }

    @Test
    void aBudgetStopIsScoredOnWhatItHadAndAScoringErrorIsAFailure() {
        Suite throwing = new TinySuite("tiny", 10) {
            @Override
            public Map<String, Double> score(
                    dev.noesis.experiments.suite.SuiteItem item, dev.noesis.experiments.log.Extraction extracted) {
                if (item.id().equals("q3")) {
                    throw new IllegalArgumentException("no rule for this answer");
                }
                return super.score(item, extracted);
            }
        };
        ArmFactory factory = new ArmFactory() {
            @Override
            public dev.noesis.experiments.log.ModelIdentity identify(String model) {
                return dev.noesis.experiments.log.ModelIdentity.server("http://localhost:8000", model);
            }

            @Override
            public Arm open(ArmSpec arm, PreparedSetup setup) {
                return (item, prompt, params) -> item.id().equals("q5")
                        ? ArmAnswer.budget(
                                item.gold().getFirst(),
                                "3 model calls used of 3",
                                dev.noesis.experiments.log.Usage.NONE,
                                null)
                        : ArmAnswer.completed(item.gold().getFirst(), dev.noesis.experiments.log.Usage.NONE, null);
            }
        };
        ExperimentSpec spec = ExperimentSpec.builder()
                .suites(List.of("tiny"))
                .pipelines(List.of("raw"))
                .models(List.of("served"))
                .build();
        Path folder = work.resolve("run");
        RunSummary summary = ExperimentRunner.builder(spec, Map.of("tiny", throwing), factory)
                .build()
                .run(folder);
        Map<String, ItemRecord> byId = new java.util.HashMap<>();
        ItemLogReader.read(folder.resolve(RunDirectory.ITEMS)).records().forEach(r -> byId.put(r.itemId(), r));
        assertThat(byId).hasSize(10);
        assertThat(byId.get("q5").outcome()).isEqualTo(Outcome.BUDGET);
        assertThat(byId.get("q5").error()).isEqualTo("3 model calls used of 3");
        assertThat(byId.get("q5").scores()).containsEntry("em", 1.0);
        assertThat(byId.get("q3").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(byId.get("q3").output())
                .as("the output stays, for the audit")
                .isEqualTo("a3");
        assertThat(byId.get("q3").error()).contains("no rule for this answer");
        assertThat(byId.get("q1").trace()).as("no trace given: none recorded").isNull();
        assertThat(summary.failedNow()).isEqualTo(1);
        assertThat(summary.budgetNow()).isEqualTo(1);
        ArmResult raw = summary.results().orElseThrow().arms().getFirst();
        assertThat(raw.mean()).as("9 right, the failure scored 0").isEqualTo(0.9);
        assertThat(raw.failed()).isEqualTo(1);
        assertThat(raw.budget()).isEqualTo(1);
        assertThat(raw.ciMethod()).isEqualTo("wilson");
        assertThat(raw.metricMeans()).containsExactly(Map.entry("em", 0.9));
    }
}
