package dev.noesis.lora.module;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.module.ModuleEnvironment;
import dev.noesis.core.module.ModuleFactory;
import dev.noesis.core.module.StepContext;
import dev.noesis.core.module.ThinkingModule;
import dev.noesis.core.thought.ThoughtState;
import dev.noesis.lora.AdapterEntry;
import dev.noesis.lora.AdapterRegistry;
import dev.noesis.lora.AdapterRouter;
import dev.noesis.lora.EmbeddingRouter;
import dev.noesis.lora.KeywordRouter;
import dev.noesis.lora.Route;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the LoRA adapter for the run and sets {@link ThoughtState#adapter()}: the model calls
 * after it use that adapter. The trace notes the choice, its score and the runner-up. An adapter
 * the request already named is kept: the router decides only when the request left it open.
 */
public final class AdapterRouterModule implements ThinkingModule {

    public static final String NAME = "adapter-router";

    /**
     * @param strategy  {@code embedding} (default), {@code keyword} or {@code explicit}
     * @param threshold for {@code embedding}: the cosine similarity under which the fallback answers (default 0.3)
     * @param fallback  who answers when no adapter fits: {@code base} (default) or an adapter's name
     * @param adapter   for {@code explicit}: the adapter to use
     */
    public record Config(String strategy, Double threshold, String fallback, String adapter) {
        public Config {
            strategy = AdapterRouter.Strategy.parse(strategy == null ? "embedding" : strategy)
                    .id();
            threshold = threshold == null ? 0.3 : threshold;
            fallback = fallback == null || fallback.isBlank() ? "base" : fallback.strip();
            if (!(threshold >= -1 && threshold <= 1)) {
                throw new InvalidInputException(
                        NAME + " threshold must be a cosine similarity in [-1, 1], got " + threshold + ".");
            }
            if (strategy.equals("explicit") && (adapter == null || adapter.isBlank())) {
                throw new InvalidInputException(NAME + " with strategy explicit needs adapter: NAME.");
            }
        }
    }

    private final Config config;
    private final AdapterRouter router;

    AdapterRouterModule(Config config, AdapterRouter router) {
        this.config = config;
        this.router = router;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Record> settings() {
        return Optional.of(config);
    }

    @Override
    public ThoughtState apply(ThoughtState state, StepContext context) {
        if (state.adapter() != null) {
            context.note("adapter: " + state.adapter(), "named by the request; the router was not consulted");
            return state;
        }
        Route route = router.route(state.question());
        context.note("adapter: " + route.adapter().orElse("base model"), route.describe());
        return state.withAdapter(route.adapter().orElse(null));
    }

    /** Makes the router from the environment's registry (and embedder) when the pipeline is built. */
    static AdapterRouter router(Config config, ModuleEnvironment env) {
        if (!(env instanceof AdapterEnvironment adapters)) {
            throw new InvalidInputException(
                    NAME + " needs the adapter registry, which this environment does not provide.");
        }
        List<AdapterEntry> entries = adapters.adapters().list();
        Optional<String> fallback = Optional.of(config.fallback());
        if (!AdapterRegistry.RESERVED.contains(config.fallback().toLowerCase(Locale.ROOT))
                && entries.stream().noneMatch(a -> a.name().equals(config.fallback()))) {
            List<String> names = entries.stream().map(AdapterEntry::name).toList();
            throw new InvalidInputException(NAME + " fallback \"" + config.fallback() + "\" is not a registered adapter"
                    + (names.isEmpty() ? " (none are)" : "; registered: " + String.join(", ", names))
                    + "; base lets the base model answer.");
        }
        return switch (AdapterRouter.Strategy.parse(config.strategy())) {
            case EXPLICIT -> AdapterRouter.explicit(config.adapter(), entries);
            case KEYWORD -> new KeywordRouter(entries, fallback);
            case EMBEDDING ->
                new EmbeddingRouter(
                        adapters.embedder()
                                .orElseThrow(() -> new InvalidInputException(NAME + " with strategy embedding needs a"
                                        + " sentence embedder, which this environment does not provide.")),
                        entries,
                        config.threshold(),
                        fallback,
                        adapters.centroids());
        };
    }

    public static final class Factory extends ModuleFactory<Config> {
        public Factory() {
            super(
                    NAME,
                    "Chooses the LoRA adapter for the run (embedding, keyword or explicit) and notes its score and the"
                            + " runner-up.",
                    Config.class,
                    (config, env) -> new AdapterRouterModule(config, router(config, env)));
        }
    }
}
