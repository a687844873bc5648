package dev.noesis.wiring;

import dev.noesis.core.embedding.Embedder;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.jlama.JlamaLanguageModel;
import dev.noesis.jlama.ModelFolder;
import dev.noesis.jlama.lora.LoraAdapter;
import dev.noesis.jlama.lora.LoraVariants;
import dev.noesis.jlama.lora.MergePlan;
import dev.noesis.lora.AdapterEntry;
import dev.noesis.lora.AdapterRegistry;
import dev.noesis.lora.AdapterRouter;
import dev.noesis.lora.Route;
import dev.noesis.openai.OpenAiServer;
import dev.noesis.orchestrator.AdapterModels;
import dev.noesis.orchestrator.Pipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * LoRA adapters as the entry points see them: the registry under the Noesis home, and the check
 * of an adapter against a base model (its folder is read and checked; nothing is loaded). The
 * memory a set of adapters costs on a base is worked out here from the check: the base's weights
 * once, plus the merged tensors of each adapter (the variants share everything else).
 */
public final class Adapters {

    private final NoesisConfig config;
    private final Models models;

    private final Documents documents;

    Adapters(NoesisConfig config, Models models, Documents documents) {
        this.config = config;
        this.models = models;
        this.documents = documents;
    }

    /**
     * Opens the model {@code reference} (empty: the demo model) so that a run may use any registered
     * adapter: the orchestrator asks it for an adapter's model when the pipeline, a request or an
     * {@code adapter-router} step chooses one ({@link ModelWithAdapters}). In process, each adapter's
     * variant is merged on first use (checked against the base, which must be the model the adapter
     * names); on an OpenAI-compatible server, an adapter is the server's model name for it. Nothing
     * is merged until an adapter is asked for.
     */
    public ModelWithAdapters models(Optional<String> reference) {
        Optional<String> ref = reference.map(String::strip).filter(r -> !r.isEmpty());
        AdapterRegistry registry = registry();
        if (ref.isPresent() && OpenAiServer.isServerUrl(ref.get())) {
            String url = ref.get();
            return new ModelWithAdapters(
                    models.open(ref), registry, entry -> models.openServer(url, entry.serverName()));
        }
        LanguageModel base = models.open(ref);
        return new ModelWithAdapters(base, registry, entry -> {
            if (!(base instanceof JlamaLanguageModel jlama)) {
                throw new InvalidInputException("The model " + base.name() + " cannot take a LoRA adapter.");
            }
            return LoraVariants.open(jlama, entry.folder(), entry.name(), false);
        });
    }

    /**
     * The embedding router's choice for {@code question} among the registered adapters (the
     * index's embedding model; under {@code threshold} the base model answers).
     */
    public Route route(String question, double threshold) {
        List<AdapterEntry> all = registry().list();
        if (all.isEmpty()) {
            return new Route(Optional.empty(), 0, Optional.empty(), Double.NaN, "embedding", "no adapters registered");
        }
        try (Embedder embedder = documents.embedder(documents.embeddingModel())) {
            return AdapterRouter.embedding(embedder, all, threshold, Optional.empty())
                    .route(question);
        }
    }

    /**
     * Checks that every adapter {@code pipeline} names is registered, without opening a model: the
     * check a run makes before it starts, for {@code noesis pipelines validate}.
     */
    public void check(Pipeline pipeline) {
        AdapterRegistry registry = registry();
        AdapterModels.check(pipeline, registry::show);
    }

    public AdapterRegistry registry() {
        return new AdapterRegistry(config.home());
    }

    /**
     * Checks the adapter in {@code dir} against the model {@code model} (a folder, or the hub id of
     * a model already downloaded): shapes, ranks, the base it names (unless {@code force}).
     */
    public MergePlan check(Path dir, String model, boolean force) {
        ModelFolder base = ModelFolder.open(models.localFolder(model, false));
        return MergePlan.of(LoraAdapter.open(dir), base, force);
    }

    /**
     * Registers the adapter in {@code dir}; with a {@code model}, it is checked against that model
     * first, and nothing is registered if the check fails.
     */
    public AdapterEntry add(Path dir, AdapterRegistry.AddRequest request, Optional<String> model, boolean force) {
        if (model.isPresent()) {
            check(dir, model.get(), force);
        } else {
            LoraAdapter.open(dir); // the tensors' own checks, without a base
        }
        return registry().add(dir, request);
    }

    /** What {@code adapters} cost on {@code model}: the base once, then each adapter's merged tensors. */
    public Footprint footprint(List<AdapterEntry> adapters, String model) {
        ModelFolder base = ModelFolder.open(models.localFolder(model, false));
        List<Footprint.Line> lines = new ArrayList<>();
        for (AdapterEntry a : adapters) {
            MergePlan plan = MergePlan.of(LoraAdapter.open(a.folder()), base, true);
            lines.add(new Footprint.Line(a.name(), plan.targets().size(), plan.mergedBytes()));
        }
        return new Footprint(base.dir(), base.weightBytes(), lines);
    }

    /**
     * Memory of adapter variants on one base.
     *
     * @param base      the base model's folder
     * @param baseBytes its weights, held once (memory-mapped) however many variants there are
     * @param adapters  each adapter's merged tensors
     */
    public record Footprint(Path base, long baseBytes, List<Line> adapters) {

        /** One adapter: how many tensors it replaces and their bytes. */
        public record Line(String name, int tensors, long mergedBytes) {}

        public long totalBytes() {
            return baseBytes + adapters.stream().mapToLong(Line::mergedBytes).sum();
        }

        /** Total over the base alone, e.g. 1.07 for adapters that add 7%. */
        public double ratio() {
            return baseBytes == 0 ? 0 : (double) totalBytes() / baseBytes;
        }
    }
}
