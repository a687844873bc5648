package dev.noesis.wiring;

import dev.noesis.core.model.Completion;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.StructuredResult;
import dev.noesis.core.model.TokenListener;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.lora.AdapterEntry;
import dev.noesis.lora.AdapterRegistry;
import dev.noesis.orchestrator.AdapterModels;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A base model that answers as itself and hands the orchestrator the model of each registered
 * LoRA adapter ({@link AdapterModels}): in process, the adapter's variant (merged on first use,
 * sharing the base's other tensors); over an OpenAI-compatible server, the server's model name for
 * it. Variants are kept until this model is closed, so switching adapter between two runs costs
 * nothing once each is loaded; an adapter whose registration changed (a new content hash) is
 * merged again. Closing this closes the base and every variant.
 */
public final class ModelWithAdapters implements LanguageModel, AdapterModels {

    private final LanguageModel base;
    private final AdapterRegistry registry;
    private final Function<AdapterEntry, LanguageModel> variantOf;
    private final Map<String, Loaded> variants = new LinkedHashMap<>();

    private record Loaded(String contentHash, LanguageModel model) {}

    /**
     * @param variantOf opens the model of an adapter on {@code base} (its variant, or the server's name for it)
     */
    public ModelWithAdapters(
            LanguageModel base, AdapterRegistry registry, Function<AdapterEntry, LanguageModel> variantOf) {
        this.base = Objects.requireNonNull(base, "base");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.variantOf = Objects.requireNonNull(variantOf, "variantOf");
    }

    @Override
    public LanguageModel base() {
        return base;
    }

    @Override
    public LanguageModel withAdapter(String adapter) {
        AdapterEntry entry = registry.show(adapter);
        synchronized (variants) {
            Loaded loaded = variants.get(entry.name());
            if (loaded != null && loaded.contentHash().equals(entry.contentHash())) {
                return loaded.model();
            }
            // Opened under the lock: two runs asking for the same new adapter merge it once.
            LanguageModel model = variantOf.apply(entry);
            variants.put(entry.name(), new Loaded(entry.contentHash(), model));
            if (loaded != null) {
                loaded.model().close(); // the adapter was registered again with other weights
            }
            return model;
        }
    }

    @Override
    public void require(String adapter) {
        registry.show(adapter);
    }

    /** How many adapter variants are open now. */
    public int openVariants() {
        synchronized (variants) {
            return variants.size();
        }
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public Completion generate(Prompt prompt, GenerationParams params, TokenListener listener) {
        return base.generate(prompt, params, listener);
    }

    @Override
    public StructuredResult generateJson(Prompt prompt, JsonSchema schema, GenerationParams params) {
        return base.generateJson(prompt, schema, params);
    }

    @Override
    public int contextLength() {
        return base.contextLength();
    }

    @Override
    public int countTokens(Prompt prompt) {
        return base.countTokens(prompt);
    }

    @Override
    public void endSession(String sessionId) {
        base.endSession(sessionId);
    }

    @Override
    public void close() {
        try {
            synchronized (variants) {
                for (Loaded v : variants.values()) {
                    v.model().close();
                }
                variants.clear();
            }
        } finally {
            base.close();
        }
    }
}
