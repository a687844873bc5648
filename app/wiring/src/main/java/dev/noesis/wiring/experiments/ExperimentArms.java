package dev.noesis.wiring.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.experiments.log.ModelIdentity;
import dev.noesis.experiments.log.Usage;
import dev.noesis.experiments.run.Arm;
import dev.noesis.experiments.run.ArmAnswer;
import dev.noesis.experiments.run.ArmFactory;
import dev.noesis.experiments.run.ArmSpec;
import dev.noesis.experiments.run.PreparedSetup;
import dev.noesis.experiments.run.StructuredAnswers;
import dev.noesis.experiments.run.cache.CachingLanguageModel;
import dev.noesis.experiments.run.cache.ModelCallCache;
import dev.noesis.experiments.suite.SuiteItem;
import dev.noesis.jlama.tiny.TinyModelWriter;
import dev.noesis.lora.AdapterEntry;
import dev.noesis.openai.OpenAiServer;
import dev.noesis.orchestrator.Orchestrator;
import dev.noesis.orchestrator.Pipeline;
import dev.noesis.orchestrator.RunRecord;
import dev.noesis.orchestrator.RunRequest;
import dev.noesis.orchestrator.RunResult;
import dev.noesis.wiring.Composition;
import dev.noesis.wiring.ModelWithAdapters;
import dev.noesis.wiring.Models;
import dev.noesis.wiring.NoesisConfig;
import dev.noesis.wiring.Wiring;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The experiment harness's arms over Noesis's own pipelines and models: each arm runs its pipeline
 * through the orchestrator on its model, behind the model-call cache, with the index and memory of
 * the suite's data home (never the user's own), whose memory each item recalls from but never writes
 * to ({@link RecallOnlyMemory}: items are episodes of their own). Models are opened once and shared by the arms that
 * name them; {@link #close()} closes them and stops the memory servers the data homes started.
 */
public final class ExperimentArms implements ArmFactory, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The trace field that says which adapter an item of an adapter arm ran on. */
    public static final String ADAPTER_FIELD = "adapter_used";

    private final Wiring wiring;
    private final DataHomes homes;
    private final ModelCallCache cache;
    private final boolean cacheEnabled;
    private final WeightsHash weights;
    private final Map<String, CachingLanguageModel> models = new ConcurrentHashMap<>();
    // An adapter arm's model: the base with its variants, one per model; the variants' caching
    // models (by model and adapter) close with it, not on their own.
    private final Map<String, ModelWithAdapters> adapterModels = new ConcurrentHashMap<>();
    private final Map<String, CachingLanguageModel> variants = new ConcurrentHashMap<>();
    private final Map<Path, Composition> compositions = new ConcurrentHashMap<>();

    /**
     * @param wiring       the user's wiring: models, configuration, the pipelines folder
     * @param homes        the data homes of suites (and the empty one for closed-book suites)
     * @param cache        the model-call cache
     * @param cacheEnabled false for {@code --no-cache}: every call goes to the model, nothing is stored
     */
    public ExperimentArms(Wiring wiring, DataHomes homes, ModelCallCache cache, boolean cacheEnabled) {
        this.wiring = wiring;
        this.homes = homes;
        this.cache = cache;
        this.cacheEnabled = cacheEnabled;
        this.weights = new WeightsHash(wiring.config().workDir().resolve("weights-hashes.properties"));
    }

    @Override
    public ModelIdentity identify(String model) {
        if (OpenAiServer.isServerUrl(model)) {
            return ModelIdentity.server(
                    model, wiring.config().openai().modelName().orElse(null));
        }
        Path folder = reference(model)
                .map(r -> wiring.models().localFolder(r, true))
                .orElseGet(() -> wiring.models().demoModel(false));
        return ModelIdentity.folder(folder.toString(), weights.of(folder));
    }

    /**
     * Whether the model's weights are random (a model Noesis wrote with generated weights, such as the
     * demo model): its scores are noise, and any "better" on it is a false positive.
     */
    public boolean randomWeights(String model) {
        if (OpenAiServer.isServerUrl(model)) {
            return false;
        }
        Path folder = reference(model)
                .map(r -> wiring.models().localFolder(r, false))
                .orElseGet(() -> wiring.models().demoModel(false));
        try {
            return JSON.readTree(folder.resolve("config.json").toFile())
                    .path(TinyModelWriter.RANDOM_WEIGHTS)
                    .asBoolean(false);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Override
    public Optional<String> fingerprint(String pipeline) {
        try (Composition c = wiring.composition()) {
            return Optional.of(sha256(c.pipelines().source(pipeline)));
        }
    }

    /** The adapter's content hash in the registry; an unknown name fails here, before anything runs. */
    @Override
    public Optional<String> adapterFingerprint(String adapter) {
        return Optional.of(wiring.adapters().registry().show(adapter).contentHash());
    }

    @Override
    public Arm open(ArmSpec arm, PreparedSetup setup) {
        return open(arm, setup, Optional.empty());
    }

    /** With a schema, the pipeline's answers are generated under it ({@link StructuredAnswers}), behind the cache. */
    @Override
    public Arm open(ArmSpec arm, PreparedSetup setup, Optional<JsonSchema> answerSchema) {
        Path home = setup.isNone() ? homes.closedBook() : setup.home();
        Composition composition =
                compositions.computeIfAbsent(home, h -> homes.wiring(h).composition(RecallOnlyMemory::new));
        Pipeline pipeline = composition.pipelines().get(arm.pipeline());
        JsonSchema schema = answerSchema.orElse(null);
        if (arm.adapter() != null) {
            return adapterArm(arm, pipeline, schema);
        }
        CachingLanguageModel model = models.computeIfAbsent(arm.model(), this::openModel);
        return (item, prompt, params) -> run(pipeline, model, schema, item, prompt, params);
    }

    /**
     * An arm on the adapter axis: each item runs on the adapter the arm stands for (the base, a
     * registered adapter, the router's choice for the item's question, or the item's label for the
     * oracle); the adapter it ran on is recorded in its trace ({@value #ADAPTER_FIELD}) and is part
     * of every model call's cache key.
     */
    private Arm adapterArm(ArmSpec arm, Pipeline pipeline, JsonSchema schema) {
        ModelWithAdapters model = adapterModels.computeIfAbsent(
                arm.model(), n -> wiring.adapters().models(reference(n)));
        AdapterChoices choices = new AdapterChoices(wiring.adapters(), arm.adapter());
        return (item, prompt, params) -> {
            String chosen = choices.forItem(item);
            CachingLanguageModel variant = variants.computeIfAbsent(
                    arm.model() + '\u0000' + chosen, k -> openVariant(arm.model(), model, chosen));
            ArmAnswer answer = run(pipeline, variant, schema, item, prompt, params);
            ObjectNode trace = answer.trace() instanceof ObjectNode o ? o : JSON.createObjectNode();
            trace.put(ADAPTER_FIELD, chosen);
            ArmAnswer traced = new ArmAnswer(answer.output(), answer.usage(), answer.outcome(), answer.error(), trace);
            // Logged where the arm chooses per item, so that the report can count the router's choices.
            return choices.perItem() ? traced.withAdapterUsed(chosen) : traced;
        };
    }

    private CachingLanguageModel openVariant(String name, ModelWithAdapters model, String adapter) {
        if (AdapterChoices.isBase(adapter)) {
            return new CachingLanguageModel(model.base(), identify(name), null, cache, cacheEnabled);
        }
        AdapterEntry entry = wiring.adapters().registry().show(adapter);
        // The content hash in the key: an adapter registered again with other weights misses the cache.
        return new CachingLanguageModel(
                model.withAdapter(adapter),
                identify(name),
                entry.name() + "@" + entry.contentHash(),
                cache,
                cacheEnabled);
    }

    private CachingLanguageModel openModel(String name) {
        LanguageModel opened = wiring.models().open(reference(name));
        return new CachingLanguageModel(opened, identify(name), null, cache, cacheEnabled);
    }

    private static ArmAnswer run(
            Pipeline pipeline,
            CachingLanguageModel shared,
            JsonSchema schema,
            SuiteItem item,
            String prompt,
            GenerationParams params)
            throws InterruptedException {
        CachingLanguageModel model = shared.forItem();
        LanguageModel answering = schema == null ? model : new StructuredAnswers(model, schema);
        RunResult r =
                new Orchestrator(answering).run(pipeline, RunRequest.of(prompt).withParams(params));
        Usage usage = new Usage(
                r.usage().promptTokens(),
                r.usage().completionTokens(),
                r.usage().modelCalls(),
                r.usage().modelMs(),
                0,
                (int) model.hits());
        JsonNode trace = JSON.valueToTree(RunRecord.of(r));
        return switch (r.outcome()) {
            case COMPLETED -> ArmAnswer.completed(r.answer(), usage, trace);
            case BUDGET_EXHAUSTED -> ArmAnswer.budget(r.answer(), r.stopReason(), usage, trace);
            case CANCELLED -> throw new InterruptedException("item " + item.id() + " was cancelled");
            case FAILED ->
                ArmAnswer.failed(
                        r.failure() == null
                                ? String.valueOf(r.stopReason())
                                : r.failure().getMessage(),
                        usage,
                        trace);
        };
    }

    /** The demo model's name stands for no reference at all: the models open it when given none. */
    private static Optional<String> reference(String model) {
        return model.equals(Models.DEMO_MODEL) ? Optional.empty() : Optional.of(model);
    }

    /** The model name an experiment uses when the user names none: the configured model, else the demo. */
    public static String defaultModel(NoesisConfig config) {
        return config.model().orElse(Models.DEMO_MODEL);
    }

    @Override
    public void close() {
        models.values().forEach(CachingLanguageModel::close);
        models.clear();
        variants.clear();
        adapterModels.values().forEach(ModelWithAdapters::close);
        adapterModels.clear();
        compositions.values().forEach(Composition::close);
        compositions.clear();
        homes.close();
    }

    private static String sha256(String text) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(
                                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
