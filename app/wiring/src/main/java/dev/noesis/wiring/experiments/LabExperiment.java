package dev.noesis.wiring.experiments;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.GenerationOverrides;
import dev.noesis.experiments.log.ItemLogReader;
import dev.noesis.experiments.log.ItemRecord;
import dev.noesis.experiments.log.RunDirectory;
import dev.noesis.experiments.report.ExperimentResults;
import dev.noesis.experiments.report.ReportWriter;
import dev.noesis.experiments.run.ExperimentRunner;
import dev.noesis.experiments.run.ProgressListener;
import dev.noesis.experiments.run.RunSummary;
import dev.noesis.experiments.run.cache.ModelCallCache;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import dev.noesis.experiments.suite.Suite;
import dev.noesis.experiments.suite.user.UserSuite;
import dev.noesis.lab.model.LabPrompts;
import dev.noesis.lab.model.LabTraining;
import dev.noesis.lab.model.ModelExporter;
import dev.noesis.lab.world.LabSuites;
import dev.noesis.lab.world.World;
import dev.noesis.wiring.Lab;
import dev.noesis.wiring.NoesisConfig;
import dev.noesis.wiring.Notices;
import dev.noesis.wiring.Progress;
import dev.noesis.wiring.Wiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code noesis lab run}: the lab's experiment through the harness. Here rather than in
 * {@link Lab}, which the harness's wiring must not be imported by (this package imports the
 * wiring, never the reverse).
 */
public final class LabExperiment {

    private final NoesisConfig config;
    private final Notices notices;

    public LabExperiment(NoesisConfig config, Notices notices) {
        this.config = config;
        this.notices = notices;
    }

    /**
     * What to run.
     *
     * @param memory     whether to run {@code memory-augmented} too (it starts a local Neo4j)
     * @param control    whether to run the same on the random-weight control model ({@code DIR/control})
     * @param categories question categories to keep (empty: all)
     * @param cache      whether model calls may be answered from the model-call cache
     */
    public record RunRequest(boolean memory, boolean control, List<String> categories, boolean cache) {}

    /**
     * What a lab experiment did.
     *
     * @param folder  the run folder ({@code DIR/results}: results.json, report.md, report.html)
     * @param results the results, empty if the run was stopped before every item ran
     */
    public record RunOutcome(Path folder, RunSummary summary, Optional<ExperimentResults> results) {}

    /**
     * The lab experiment on the model in {@code worldDir/model}: the world's questions as two user
     * suites ({@code DIR/suites}: held out, trained), every pipeline against {@code raw}, through the
     * experiment harness, with the lab's templates (those the model was trained on) in force; and,
     * if asked, the same on a random-weight model of the same shape, where no gain can be real.
     * The same call resumes a stopped run.
     *
     * @param configWith the configuration of this process with some keys set on top
     */
    public RunOutcome run(Path worldDir, RunRequest request, Function<Map<String, String>, NoesisConfig> configWith) {
        World world = Lab.readWorld(worldDir);
        Path modelDir = worldDir.resolve("model");
        if (!Files.isRegularFile(modelDir.resolve("model.safetensors"))) {
            throw new InvalidInputException(
                    worldDir + " has no trained model (no model/model.safetensors): train it first.");
        }
        Path templates = LabPrompts.writeTemplates(worldDir.resolve("templates"));
        Map<String, Path> files =
                LabSuites.write(world, worldDir.resolve("suites"), request.categories(), request.memory());
        Map<String, Suite> suites = new LinkedHashMap<>();
        files.forEach((name, file) -> suites.put(name, UserSuite.load(file)));
        List<String> models = new ArrayList<>(List.of(modelDir.toString()));
        if (request.control()) {
            Path control = worldDir.resolve("control");
            if (!Files.isRegularFile(control.resolve("model.safetensors"))) {
                new Lab(config, notices).prepareDjl();
                ModelExporter.randomControl(modelDir, CONTROL_SEED, control);
            }
            models.add(control.toString());
        }
        List<String> pipelines = new ArrayList<>(List.of("raw", "rag"));
        if (request.memory()) {
            pipelines.add("memory-augmented");
        }
        ExperimentSpec spec = ExperimentSpec.builder()
                .name("lab")
                .suites(List.copyOf(suites.keySet()))
                .pipelines(pipelines)
                .models(models)
                .generation(GenerationOverrides.NONE
                        .withMaxNewTokens(LabTraining.MAX_ANSWER_TOKENS)
                        .withTemperature(0))
                .build();
        Map<String, String> keys = Map.of("noesis.templates.dir", templates.toString());
        Function<Map<String, String>, NoesisConfig> withTemplates = k -> {
            Map<String, String> all = new LinkedHashMap<>(keys);
            all.putAll(k);
            return configWith.apply(all);
        };
        NoesisConfig runConfig = withTemplates.apply(Map.of());
        Path folder = worldDir.resolve("results");
        Path setups = folder.resolve("setups");
        Wiring wiring = new Wiring(runConfig, notices);
        ModelCallCache cache = ModelCallCache.open(
                runConfig.modelCallCacheDir(), runConfig.eval().cacheMaxBytes());
        try (DataHomes homes = new DataHomes(runConfig, withTemplates, setups, notices);
                ExperimentArms arms = new ExperimentArms(wiring, homes, cache, request.cache());
                Progress progress = notices.progress("lab experiment", Progress.Unit.ITEMS)) {
            ExperimentRunner runner = ExperimentRunner.builder(spec, suites, arms)
                    .setups(setups, homes)
                    .listener(new ProgressListener() {
                        @Override
                        public void itemLogged(ItemRecord record, dev.noesis.experiments.run.Progress p) {
                            progress.update("items", p.done(), p.total());
                        }
                    })
                    .cost(ExperimentCosts.of(runConfig))
                    .build();
            RunSummary summary = runner.run(folder);
            if (summary.results().isPresent()) {
                ReportWriter.write(
                        folder,
                        summary.results().get(),
                        ItemLogReader.read(folder.resolve(RunDirectory.ITEMS)).records());
            }
            return new RunOutcome(folder, summary, summary.results());
        }
    }

    /** The seed of the control model's random weights. */
    static final long CONTROL_SEED = 7;
}
