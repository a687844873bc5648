package dev.noesis.cli.command;

import dev.noesis.cli.terminal.CancelOnInterrupt;
import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.cli.terminal.ProgressBars;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.GenerationOverrides;
import dev.noesis.experiments.log.ItemLogReader;
import dev.noesis.experiments.log.ItemRecord;
import dev.noesis.experiments.log.RunDirectory;
import dev.noesis.experiments.report.ExperimentResults;
import dev.noesis.experiments.report.ReportFiles;
import dev.noesis.experiments.report.ReportWriter;
import dev.noesis.experiments.run.ArmFactory;
import dev.noesis.experiments.run.ExperimentPlan;
import dev.noesis.experiments.run.ExperimentRunner;
import dev.noesis.experiments.run.Progress;
import dev.noesis.experiments.run.ProgressListener;
import dev.noesis.experiments.run.RunSummary;
import dev.noesis.experiments.run.cache.ModelCallCache;
import dev.noesis.experiments.run.spec.ExperimentParser;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import dev.noesis.experiments.suite.RetrievalSuite;
import dev.noesis.experiments.suite.Suite;
import dev.noesis.experiments.suite.catalog.Suites;
import dev.noesis.wiring.NoesisConfig;
import dev.noesis.wiring.Wiring;
import dev.noesis.wiring.experiments.DataHomes;
import dev.noesis.wiring.experiments.ExperimentArms;
import dev.noesis.wiring.experiments.ExperimentCosts;
import dev.noesis.wiring.experiments.RetrievalArms;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code noesis eval run}: an experiment, from flags or a YAML file, into a run folder that resumes. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run pipelines against the baseline (raw) on the same items of a suite, and report each paired"
                    + " difference with its confidence interval and a better / worse / no detectable difference"
                    + " verdict.",
            "The same command with the same --out resumes a run that was stopped; every item is logged as it"
                    + " finishes. Model calls are cached (--no-cache to bypass); the report counts cache hits.",
            "",
            "Examples:",
            "  noesis eval run gsm8k --pipelines raw,self-consistency --model M --limit 200",
            "  noesis eval run experiment.yaml",
            "  noesis eval run my-questions.jsonl --pipelines raw,rag",
            "  noesis eval run beir-retrieval --pipelines bm25,dense,hybrid   (search modes against bm25)"
        })
public final class EvalRunCommand implements Callable<Integer> {

    @Parameters(
            paramLabel = "SUITE|FILE",
            description = "A built-in suite (see `noesis eval list`), several joined by commas, a suite of your own"
                    + " (.jsonl), or an experiment file (.yaml).")
    String target;

    @Option(
            names = "--pipelines",
            split = ",",
            paramLabel = "P",
            description = "Pipelines to measure, joined by commas. Default: raw (the baseline, always run).")
    List<String> pipelines;

    @Option(
            names = {"-m", "--model"},
            paramLabel = "MODEL",
            description = "A model folder, hub id or server URL; repeat for a model axis (e.g. a BF16 and a Q4"
                    + " copy). Default: noesis.model, else the tiny offline demo model.")
    List<String> models;

    @Option(names = "--model-name", paramLabel = "NAME", description = "The model's name on the server, for a URL.")
    String modelName;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for an in-process model.")
    Integer threads;

    @Mixin
    GenerationOptions generation;

    @Mixin
    FusionOptions fusion;

    @Option(names = "--seeds", split = ",", paramLabel = "N", description = "Seeds; several repeat every item.")
    List<Long> seeds;

    @Option(names = "--limit", paramLabel = "N", description = "The first N items of each suite.")
    Integer limit;

    @Option(names = "--sample", paramLabel = "N", description = "N items drawn at random (with --sample-seed).")
    Integer sample;

    @Option(names = "--sample-seed", paramLabel = "S", description = "The seed of --sample. Default: 0.")
    long sampleSeed;

    @Option(names = "--baseline", paramLabel = "P", description = "The pipeline compared against. Default: raw.")
    String baseline;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            description = "Items in flight at once (for model servers). Default: 1, right for an in-process model.")
    Integer parallel;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "The run folder. Default: a new folder under noesis.eval.runs-dir (~/.noesis/experiments).")
    Path out;

    @Option(
            names = "--structured",
            description = "Generate each final answer under its suite's JSON schema (constrained decoding in process,"
                    + " a validated reply from a server), so that extraction cannot fail on the answer's format."
                    + " Part of the experiment's config.")
    boolean structured;

    @Option(
            names = "--adapters",
            split = ",",
            paramLabel = "ADAPTER",
            description = "A LoRA adapter axis: base, registered adapters by name, router (the embedding router's"
                    + " choice per item) and oracle (each item's 'adapter' label); every pipeline runs on each, and"
                    + " each adapter arm is compared with the same pipeline on the base. Part of the config.")
    List<String> adapters;

    @Option(
            names = "--retry-failed",
            paramLabel = "N",
            defaultValue = "1",
            description = "When resuming, run an item that failed again, up to N times (0: never). The retry's"
                    + " record supersedes the failure and the report counts retries. Default: ${DEFAULT-VALUE}.")
    int retryFailed;

    @Option(names = "--no-cache", description = "Send every model call to the model; read and store nothing.")
    boolean noCache;

    @Option(names = "--data", paramLabel = "DIR", description = "The benchmark data folder (see `noesis eval list`).")
    Path data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CliContext env;

    public EvalRunCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Map<String, String> keys = new HashMap<>();
        if (modelName != null) {
            keys.put("noesis.openai.model-name", modelName);
        }
        if (threads != null) {
            keys.put("noesis.threads", threads.toString());
        }
        NoesisConfig config = env.config().apply(keys);
        Wiring wiring = env.wiring(k -> k.putAll(keys));
        Suites catalog = wiring.experiments().suites(Optional.ofNullable(data));
        ExperimentSpec experiment = experiment(config, wiring, catalog);
        Map<String, Suite> suites = resolve(catalog, experiment.suites());
        boolean retrieval = RetrievalArms.isRetrieval(suites);
        Path folder = out != null ? out.toAbsolutePath().normalize() : defaultFolder(config, experiment);
        env.err().println("Run folder: " + folder + " (the same command with --out " + folder + " resumes it)");
        ExperimentPlan plan = ExperimentPlan.of(experiment, suites);
        plan.detectableEffects().forEach((suite, effect) -> env.err().println(suite + ": " + effect.sentence()));

        ModelCallCache cache =
                ModelCallCache.open(config.modelCallCacheDir(), config.eval().cacheMaxBytes());
        Path setups = folder.resolve("setups");
        try (DataHomes homes = new DataHomes(config, env.config(), setups, wiring.notices());
                ExperimentArms arms = new ExperimentArms(wiring, homes, cache, !noCache);
                ProgressBars.Counter bar = ProgressBars.count(env.err(), "eval");
                RetrievalArms searches = retrieval
                        ? new RetrievalArms(wiring, suites, experiment.pipelines(), fusion.settings(), bar::update)
                        : null) {
            for (String model : retrieval ? List.<String>of() : experiment.models()) {
                if (arms.randomWeights(model)) {
                    env.err()
                            .println("Note: " + model + " has random weights: its scores are noise, and any"
                                    + " \"better\" on it is a false positive (expected in about 5% of comparisons).");
                }
            }
            ArmFactory factory = retrieval ? searches : arms;
            ExperimentRunner runner = ExperimentRunner.builder(experiment, suites, factory)
                    .setups(setups, homes)
                    .listener(new ProgressListener() {
                        @Override
                        public void itemLogged(ItemRecord record, Progress p) {
                            bar.update("items", p.done(), p.total());
                        }
                    })
                    .cost(ExperimentCosts.of(config))
                    .parallel(parallel != null ? parallel : experiment.parallel())
                    .retryFailed(retryFailed)
                    .build();
            RunSummary summary = CancelOnInterrupt.run(() -> runner.run(folder));
            bar.close();
            if (summary.cancelled() || summary.results().isEmpty()) {
                env.err()
                        .printf(
                                "Stopped after %,d of %,d item runs; the same command with --out %s resumes.%n",
                                summary.skipped() + summary.ranNow(), summary.total(), folder);
                return ExitCodes.STOPPED_EARLY;
            }
            ExperimentResults results = summary.results().get();
            List<ItemRecord> items =
                    ItemLogReader.read(folder.resolve(RunDirectory.ITEMS)).records();
            ReportFiles report = ReportWriter.write(folder, results, items);
            EvalTables.print(env.out(), results);
            env.out()
                    .printf(
                            "%n%,d item runs (%,d now, %,d failed, %,d stopped by a budget). Report: %s%n",
                            summary.total(), summary.ranNow(), summary.failedNow(), summary.budgetNow(), report.html());
            return ExitCodes.OK;
        }
    }

    private static Map<String, Suite> resolve(Suites catalog, List<String> names) {
        Map<String, Suite> suites = new LinkedHashMap<>();
        for (String name : names) {
            suites.put(name, catalog.resolve(name));
        }
        return suites;
    }

    private ExperimentSpec experiment(NoesisConfig config, Wiring wiring, Suites catalog) {
        if (target.endsWith(".yaml") || target.endsWith(".yml")) {
            boolean flagsGiven = pipelines != null
                    || models != null
                    || seeds != null
                    || limit != null
                    || sample != null
                    || baseline != null
                    || structured
                    || !generation.overrides().equals(GenerationOverrides.NONE);
            if (flagsGiven) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "An experiment file says what runs; give its suites, pipelines, models and params there,"
                                + " not as flags (--out, --parallel, --no-cache and --data still apply).");
            }
            return new ExperimentParser().parse(Path.of(target));
        }
        List<String> names = List.of(target.split(","));
        Map<String, Suite> suites = resolve(catalog, names);
        // A retrieval suite's arms are search modes on an embedding model, not pipelines on a language model.
        Optional<RetrievalSuite> retrieval = RetrievalArms.isRetrieval(suites)
                ? Optional.of((RetrievalSuite) suites.values().iterator().next())
                : Optional.empty();
        List<String> defaultPipelines =
                retrieval.map(RetrievalSuite::configs).orElse(List.of(ExperimentSpec.DEFAULT_BASELINE));
        String defaultModel = retrieval.isPresent()
                ? wiring.documents().configuredEmbeddingModel()
                : ExperimentArms.defaultModel(config);
        ExperimentSpec.Builder b = ExperimentSpec.builder()
                .suites(names)
                .pipelines(pipelines != null ? pipelines : defaultPipelines)
                .models(models != null ? models : List.of(defaultModel))
                .generation(generation.overrides());
        retrieval.ifPresent(r -> b.baseline(r.baselineConfig()));
        b.structured(structured);
        if (adapters != null) {
            b.adapters(adapters);
        }
        if (seeds != null) {
            b.seeds(seeds);
        }
        if (limit != null && sample != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give --limit or --sample, not both.");
        }
        if (limit != null) {
            b.limit(limit);
        }
        if (sample != null) {
            b.sample(sample, sampleSeed);
        }
        if (baseline != null) {
            b.baseline(baseline);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }

    private static Path defaultFolder(NoesisConfig config, ExperimentSpec experiment) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String title = experiment.title().replaceAll("[^A-Za-z0-9._-]+", "-");
        if (title.length() > 60) {
            title = title.substring(0, 60);
        }
        return config.runsDir().resolve(stamp + "-" + title);
    }
}
