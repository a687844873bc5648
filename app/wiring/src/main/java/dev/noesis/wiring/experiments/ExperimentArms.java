package dev.noesis.wiring.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.experiments.log.CanonicalJson;
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
import dev.noesis.orchestrator.AdapterChoice;
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
import java.nio.file.Path;
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
    // Each model once, with the variants of the adapters its arms use; the caching models over the
    // base and each variant (by model and adapter) close with it, not on their own.
    private final Map<String, ModelWithAdapters> models = new ConcurrentHashMap<>();
    private final Map<String, CachingLanguageModel> cached = new ConcurrentHashMap<>();
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

    /**
     * The hash of the pipeline file's content and, when its steps or its run name adapters, of each
     * one's name and content hash: re-registered weights make another experiment. An adapter that is
     * not registered fails here, before anything runs, with where the pipeline names it.
     */
    @Override
    public Optional<String> fingerprint(String pipeline) {
        try (Composition c = wiring.composition()) {
            Pipeline p = c.pipelines().get(pipeline);
            wiring.adapters().check(p);
            StringBuilder content = new StringBuilder(c.pipelines().source(pipeline));
            p.adapterChoices().stream()
                    .filter(a -> !a.base())
                    .map(a -> wiring.adapters().registry().show(a.name()))
                    .distinct()
                    .forEach(e -> content.append("\nadapter ")
                            .append(e.name())
                            .append('@')
                            .append(e.contentHash()));
            return Optional.of(CanonicalJson.sha256(content.toString()));
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

    /**
     * With a schema, the pipeline's answers are generated under it ({@link StructuredAnswers}), behind
     * the cache. Every arm runs on the model with its registered adapters, so a pipeline that names an
     * adapter (for its run or a step) gets that adapter's variant, whose calls the cache keys by it.
     */
    @Override
    public Arm open(ArmSpec arm, PreparedSetup setup, Optional<JsonSchema> answerSchema) {
        Path home = setup.isNone() ? homes.closedBook() : setup.home();
        Composition composition =
                compositions.computeIfAbsent(home, h -> homes.wiring(h).composition(RecallOnlyMemory::new));
        Pipeline pipeline = composition.pipelines().get(arm.pipeline());
        JsonSchema schema = answerSchema.orElse(null);
        ModelWithAdapters model =
                models.computeIfAbsent(arm.model(), n -> wiring.adapters().models(reference(n)));
        if (arm.adapter() != null) {
            return adapterArm(arm, pipeline, model, schema);
        }
        return (item, prompt, params) -> run(pipeline, itemModels(arm.model(), model, schema), item, prompt, params);
    }

    /**
     * An arm on the adapter axis: each item runs on the adapter the arm stands for (the base, a
     * registered adapter, the router's choice for the item's question, or the item's label for the
     * oracle) as the run's adapter, the way {@code noesis ask --adapter} sets it: it replaces the
     * pipeline's own run adapter, and a step that names its own adapter keeps it. The adapter the
     * arm chose is recorded in the trace ({@value #ADAPTER_FIELD}); each step's is in its span.
     */
    private Arm adapterArm(ArmSpec arm, Pipeline pipeline, ModelWithAdapters model, JsonSchema schema) {
        AdapterChoices choices = new AdapterChoices(wiring.adapters(), arm.adapter());
        return (item, prompt, params) -> {
            String chosen = choices.forItem(item);
            ArmAnswer answer = run(
                    pipeline.withAdapter(AdapterChoice.of(chosen)),
                    itemModels(arm.model(), model, schema),
                    item,
                    prompt,
                    params);
            ObjectNode trace = answer.trace() instanceof ObjectNode o ? o : JSON.createObjectNode();
            trace.put(ADAPTER_FIELD, chosen);
            ArmAnswer traced = new ArmAnswer(answer.output(), answer.usage(), answer.outcome(), answer.error(), trace);
            // Logged where the arm chooses per item, so that the report can count the router's choices.
            return choices.perItem() ? traced.withAdapterUsed(chosen) : traced;
        };
    }

    /** One item's models: the base and each adapter's variant, behind the cache, counted for the item. */
    private ItemModels itemModels(String name, ModelWithAdapters model, JsonSchema schema) {
        return new ItemModels(
                adapter -> cached.computeIfAbsent(name + '\u0000' + adapter, k -> openCached(name, model, adapter)),
                model::require,
                schema);
    }

    private CachingLanguageModel openCached(String name, ModelWithAdapters model, String adapter) {
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

    private static ArmAnswer run(
            Pipeline pipeline, ItemModels models, SuiteItem item, String prompt, GenerationParams params)
            throws InterruptedException {
        RunResult r =
                Orchestrator.over(models).run(pipeline, RunRequest.of(prompt).withParams(params));
        Usage usage = new Usage(
                r.usage().promptTokens(),
                r.usage().completionTokens(),
                r.usage().modelCalls(),
                r.usage().modelMs(),
                0,
                (int) models.hits());
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
        cached.clear();
        models.values().forEach(ModelWithAdapters::close);
        models.clear();
        compositions.values().forEach(Composition::close);
        compositions.clear();
        homes.close();
    }
}
