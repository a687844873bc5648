package dev.noesis.wiring.experiments;

import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.experiments.run.StructuredAnswers;
import dev.noesis.experiments.run.cache.CachingLanguageModel;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import dev.noesis.orchestrator.AdapterChoice;
import dev.noesis.orchestrator.AdapterModels;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The models one item's run may call: the base and the variant of every adapter its pipeline (a
 * step, the run, the arm) chooses, each behind the model-call cache keyed by its adapter, with
 * counters of the item's own so that its record says how many of its calls, on whichever adapter,
 * were hits. With an answer schema, each answers under it ({@link StructuredAnswers}).
 */
final class ItemModels implements AdapterModels {

    private final Function<String, CachingLanguageModel> shared;
    private final Consumer<String> require;
    private final JsonSchema schema;
    private final Map<String, CachingLanguageModel> views = new LinkedHashMap<>();
    private final Map<String, LanguageModel> answering = new LinkedHashMap<>();

    /**
     * @param shared  the arm's caching model of an adapter ({@value ExperimentSpec#BASE_ADAPTER} for the base)
     * @param require checks that an adapter is registered, naming it when it is not
     * @param schema  the answer schema, or null for free-text answers
     */
    ItemModels(Function<String, CachingLanguageModel> shared, Consumer<String> require, JsonSchema schema) {
        this.shared = shared;
        this.require = require;
        this.schema = schema;
    }

    @Override
    public LanguageModel base() {
        return model(ExperimentSpec.BASE_ADAPTER);
    }

    @Override
    public LanguageModel withAdapter(String adapter) {
        return model(AdapterChoice.isBase(adapter) ? ExperimentSpec.BASE_ADAPTER : adapter.strip());
    }

    @Override
    public void require(String adapter) {
        require.accept(adapter);
    }

    /** Model calls of this item answered from the cache, over every adapter it used. */
    synchronized long hits() {
        return views.values().stream().mapToLong(CachingLanguageModel::hits).sum();
    }

    private synchronized LanguageModel model(String adapter) {
        return answering.computeIfAbsent(adapter, a -> {
            CachingLanguageModel view = shared.apply(a).forItem();
            views.put(a, view);
            return schema == null ? view : new StructuredAnswers(view, schema);
        });
    }
}
