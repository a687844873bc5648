package dev.noesis.server;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.GenerationOverrides;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.run.Budget;
import dev.noesis.embeddings.DjlEmbedder;
import dev.noesis.lora.AdapterEntry;
import dev.noesis.lora.AdapterRegistry;
import dev.noesis.memory.Neo4jMemory;
import dev.noesis.openai.OpenAiServer;
import dev.noesis.orchestrator.AdapterChoice;
import dev.noesis.orchestrator.Pipeline;
import dev.noesis.orchestrator.RunRecord;
import dev.noesis.orchestrator.RunResult;
import dev.noesis.orchestrator.Step;
import dev.noesis.orchestrator.pipeline.Pipelines;
import dev.noesis.wiring.Composition;
import dev.noesis.wiring.Documents;
import dev.noesis.wiring.Models;
import dev.noesis.wiring.NoesisConfig;
import dev.noesis.wiring.Wiring;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Noesis as the server holds it: wired once from the configuration (through
 * {@link Wiring}, like every entry point), one module composition for the server's life, each
 * model opened once, the run queue, the records of recent runs and the API key.
 *
 * <p>Model names: a request's {@code model} is a pipeline's name ({@code raw},
 * {@code plan-solve}, a file of the user's pipelines folder), which runs on the model the
 * pipeline names or else the configured one; {@code PIPELINE@MODEL} runs it on {@code MODEL},
 * which must be a base model this server lists; a base model's own id is {@code raw} on it.
 * A registered LoRA adapter joins with one more {@code @}: {@code PIPELINE@ADAPTER},
 * {@code PIPELINE@MODEL@ADAPTER} or {@code MODEL@ADAPTER} (the raw pipeline), every model call of
 * the run then using the adapter (a pipeline's {@code adapter-router} step keeps a named one).
 * What follows the first {@code @} is read as the base model's id first, then as an adapter's
 * name, so an adapter can never shadow the base model. A pipeline with an {@code adapter-router}
 * step chooses its adapter per request. A request never names a file or a folder: pipeline names
 * are checked before they are looked up.
 */
@Singleton
@Startup
public class NoesisService {

    private static final Logger LOG = Logger.getLogger(NoesisService.class);
    private static final Pattern PIPELINE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    @ConfigProperty(name = "quarkus.http.host")
    String host;

    private NoesisConfig config;
    private Wiring wiring;
    private Composition composition;
    private Optional<ApiKey> apiKey;
    private RunGate gate;
    private RunStore runs;
    private RunMetrics metrics;

    @Inject
    MeterRegistry registry;

    private final Map<String, LanguageModel> models = new LinkedHashMap<>();
    private DjlEmbedder embedder;
    private Neo4jMemory memory;
    private IngestRoots ingestRoots;
    private IngestJobs ingestJobs;
    private RunTelemetry telemetry = RunTelemetry.OFF;

    /** What a request's {@code model} names: the pipeline and the model it runs on, and their fingerprint. */
    public record Target(
            String pipelineName, Pipeline pipeline, String modelId, LanguageModel model, String fingerprint) {}

    /** A model as {@code /v1/models} lists it. */
    public record Listed(String id, String description, List<String> modules, String kind) {}

    @PostConstruct
    void start() {
        config = NoesisConfig.load(Map.of());
        apiKey = checkKey(config, host);
        wiring = new Wiring(config, new LoggedNotices());
        composition = wiring.composition();
        gate = new RunGate(config.server().queue());
        runs = new RunStore(config.server().runsKept());
        metrics = new RunMetrics(registry, gate);
        ingestRoots = new IngestRoots(config.server().ingestRoots().orElse(List.of()));
        ingestJobs = new IngestJobs(wiring.documents());
        telemetry = RunTelemetry.open(config.server().otlpEndpoint());
        if (telemetry.on()) {
            LOG.infof(
                    "Each run is sent as OpenTelemetry spans to %s",
                    config.server().otlpEndpoint().get());
        }
        // The configured model is opened now, so that the first request does not wait for it to load.
        model(config.model());
        LOG.infof(
                "Noesis serves %s on its base model %s%s",
                Pipelines.BUILT_IN, baseModelId(), apiKey.isPresent() ? " (API key required)" : "");
    }

    /**
     * The API key the configuration names, read and checked; a server that would listen beyond this
     * machine without one is refused.
     */
    static Optional<ApiKey> checkKey(NoesisConfig config, String host) {
        Optional<ApiKey> key = config.server().apiKeyFile().map(ApiKey::read);
        if (key.isEmpty() && !loopback(host)) {
            throw new InvalidInputException("Refusing to listen on " + host + " without an API key: anyone who can"
                    + " reach that address could use the model. Give one with --api-key-file FILE"
                    + " (noesis.server.api-key-file), or listen on 127.0.0.1.");
        }
        return key;
    }

    void stop(@Observes ShutdownEvent event) {
        ingestJobs.close();
        telemetry.close();
        synchronized (models) {
            models.values().forEach(LanguageModel::close);
            models.clear();
            if (embedder != null) {
                embedder.close();
                embedder = null;
            }
            if (memory != null) {
                memory.close();
                memory = null;
            }
        }
        composition.close();
    }

    public Optional<ApiKey> apiKey() {
        return apiKey;
    }

    public RunGate gate() {
        return gate;
    }

    public RunStore runs() {
        return runs;
    }

    /**
     * Keeps a finished run's record (for {@code /api/runs/{id}}), counts it in the metrics and, when
     * an OTLP endpoint is configured, sends it as spans.
     */
    public void finished(String runId, Target target, RunResult result) {
        runs.put(runId, RunRecord.of(result));
        metrics.finished(target, result);
        telemetry.finished(
                runId,
                result.trace(),
                result.usage(),
                result.outcome().name(),
                OpenAiServer.isServerUrl(target.modelId()) ? "openai" : "jlama");
    }

    /** The budget of every run: the server's bounds, whatever a request asks. */
    public Budget budget() {
        return Budget.DEFAULT
                .withMaxModelCalls(config.server().maxCalls())
                .withMaxWallTime(config.server().maxTime());
    }

    /** Most new tokens a request may ask for. */
    public int maxTokens() {
        return config.server().maxTokens();
    }

    /** A run's generation settings: defaults, then configuration, then the request's. */
    public GenerationParams generation(GenerationOverrides request) {
        return wiring.generation(request);
    }

    /** The id of the configured model: its reference, or the demo model's name. */
    public String baseModelId() {
        return config.model().orElse(Models.DEMO_MODEL);
    }

    /** The name of the sentence embedding model {@code /v1/embeddings} serves: the one memory and new collections use. */
    public String embeddingModelId() {
        return wiring.documents().configuredEmbeddingModel();
    }

    /** The sentence embedding model, loaded on first use (bundled models are unpacked into the home then). */
    public DjlEmbedder embedder() {
        synchronized (models) {
            if (embedder == null) {
                embedder = wiring.documents().embedder(embeddingModelId());
            }
            return embedder;
        }
    }

    /**
     * Memory as {@code noesis memory} and memory-augmented runs reach it (the configured Neo4j
     * server, or the local one started on demand), opened on first use and kept for the server's life.
     */
    public Neo4jMemory memory() {
        synchronized (models) {
            if (memory == null) {
                memory = wiring.memory().open();
            }
            return memory;
        }
    }

    /** The folders {@code POST /api/ingest} may read from. */
    IngestRoots ingestRoots() {
        return ingestRoots;
    }

    /** The ingest jobs of {@code POST /api/ingest}. */
    IngestJobs ingestJobs() {
        return ingestJobs;
    }

    /** Every runnable pipeline, then the base model, the embedding model, and each registered adapter. */
    public List<Listed> list() {
        List<Listed> out = new ArrayList<>();
        for (Pipelines.Entry e : composition.pipelines().list()) {
            if (e.runnable()) {
                out.add(new Listed(
                        e.name(),
                        e.description(),
                        modules(composition.pipelines().get(e.name())),
                        "pipeline"));
            }
        }
        out.add(new Listed(
                baseModelId(),
                "The base model, straight (the raw pipeline on it).",
                modules(composition.pipelines().get("raw")),
                "model"));
        out.add(new Listed(
                embeddingModelId(),
                "The sentence embedding model of POST /v1/embeddings (not a chat model).",
                List.of(),
                "embedding"));
        for (AdapterEntry a : wiring.adapters().registry().list()) {
            out.add(new Listed(
                    baseModelId() + "@" + a.name(),
                    "The base model with the LoRA adapter " + a.name()
                            + (a.description().isBlank() ? "" : " (" + a.description() + ")")
                            + "; any pipeline takes it as PIPELINE@" + a.name() + ".",
                    modules(composition.pipelines().get("raw")),
                    "adapter"));
        }
        return out;
    }

    /** Resolves a request's {@code model}; unknown names are a 404 naming what there is. */
    public Target resolve(String requested) {
        String pipelineName = requested;
        Optional<String> chosenModel = Optional.empty();
        Optional<AdapterEntry> adapter = Optional.empty();
        if (requested.equals(baseModelId())) {
            pipelineName = "raw";
            chosenModel = config.model();
        } else if (requested.startsWith(baseModelId() + "@")) {
            pipelineName = "raw";
            chosenModel = config.model();
            adapter = Optional.of(
                    adapter(requested, requested.substring(baseModelId().length() + 1)));
        } else if (requested.contains("@")) {
            pipelineName = requested.substring(0, requested.indexOf('@'));
            String modelPart = requested.substring(requested.indexOf('@') + 1);
            if (modelPart.equals(baseModelId())) {
                chosenModel = config.model();
            } else if (modelPart.startsWith(baseModelId() + "@")) {
                chosenModel = config.model();
                adapter = Optional.of(
                        adapter(requested, modelPart.substring(baseModelId().length() + 1)));
            } else {
                adapter = Optional.of(adapter(requested, modelPart));
            }
        }
        if (!PIPELINE_NAME.matcher(pipelineName).matches()) {
            throw ApiException.modelNotFound("There is no model '" + requested + "': a model is a pipeline's name"
                    + " (see GET /v1/models), PIPELINE@" + baseModelId() + ", or '" + baseModelId() + "'.");
        }
        Pipeline pipeline;
        try {
            pipeline = composition.pipelines().get(pipelineName);
        } catch (InvalidInputException e) {
            List<String> ids = list().stream()
                    .filter(l -> !l.kind().equals("embedding"))
                    .map(Listed::id)
                    .toList();
            String broken = composition
                    .pipelines()
                    .refusal(pipelineName)
                    .map(why -> " " + why)
                    .orElse("");
            throw ApiException.modelNotFound(
                    "There is no model '" + requested + "'." + broken + " Models: " + String.join(", ", ids) + ".");
        }
        Optional<String> reference = wiring.models().referenceFor(pipeline, chosenModel);
        LanguageModel model = model(reference);
        String modelId = reference.orElse(Models.DEMO_MODEL);
        String source = composition.pipelines().source(pipelineName);
        String identity = model.name();
        if (adapter.isPresent()) {
            pipeline = pipeline.withAdapter(AdapterChoice.of(adapter.get().name()));
            modelId += "@" + adapter.get().name();
            // Registered again with other weights, the adapter answers differently under the same name.
            identity += "@" + adapter.get().name() + ":" + adapter.get().contentHash();
        }
        return new Target(pipelineName, pipeline, modelId, model, fingerprint(source, identity));
    }

    /** The registered adapter {@code name} in the request's {@code model}; a 404 naming what there is when none. */
    private AdapterEntry adapter(String requested, String name) {
        AdapterRegistry registry = wiring.adapters().registry();
        Optional<AdapterEntry> entry = registry.find(name);
        if (entry.isEmpty()) {
            List<String> names =
                    registry.list().stream().map(AdapterEntry::name).toList();
            throw ApiException.modelNotFound("'" + name + "' in '" + requested + "' is neither this server's base"
                    + " model '" + baseModelId() + "' nor a registered adapter"
                    + (names.isEmpty() ? " (none are registered)." : "; adapters: " + String.join(", ", names) + "."));
        }
        return entry.get();
    }

    /** The document index as the configuration names it: the same one {@code noesis search} and ask use. */
    public Documents documents() {
        return wiring.documents();
    }

    /** The pipeline catalog: the built-in pipelines and the user's folder. */
    public Pipelines pipelines() {
        return composition.pipelines();
    }

    /** Whether {@code name} can name a pipeline: never a path, so a request can not reach a file by it. */
    public static boolean isPipelineName(String name) {
        return PIPELINE_NAME.matcher(name).matches();
    }

    /** The names of a pipeline's modules, in the order they first appear. */
    public static List<String> modules(Pipeline pipeline) {
        Set<String> names = new LinkedHashSet<>();
        collect(pipeline.steps(), names);
        return List.copyOf(names);
    }

    private static void collect(List<Step> steps, Set<String> names) {
        for (Step s : steps) {
            switch (s) {
                case Step.Apply a -> names.add(a.module().name());
                case Step.Repeat r -> collect(r.steps(), names);
                case Step.Fanout f -> {
                    collect(f.steps(), names);
                    if (f.select() != null) {
                        names.add(f.select().name());
                    }
                }
                case Step.When w -> collect(w.steps(), names);
            }
        }
    }

    private LanguageModel model(Optional<String> reference) {
        String key = reference.orElse("");
        synchronized (models) {
            LanguageModel m = models.get(key);
            if (m == null) {
                // A model that takes any registered adapter, each variant merged on its first request and kept.
                m = wiring.adapters().models(reference);
                models.put(key, m);
            }
            return m;
        }
    }

    /** A hash of the pipeline's text and the model's identity: it changes when what answers under a name changes. */
    static String fingerprint(String pipelineSource, String modelIdentity) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(pipelineSource.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(modelIdentity.getBytes(StandardCharsets.UTF_8));
            return "fp_" + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host.replaceAll("^\\[|]$", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
