package dev.noesis.modules;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.Remedy;
import dev.noesis.core.memory.Memory;
import dev.noesis.core.memory.MemoryStatement;
import dev.noesis.core.memory.RecallOptions;
import dev.noesis.core.memory.RecallResult;
import dev.noesis.core.module.ModuleEnvironment;
import dev.noesis.core.module.ModuleFactory;
import dev.noesis.core.module.StepContext;
import dev.noesis.core.module.ThinkingModule;
import dev.noesis.core.retrieval.RetrievalQuery;
import dev.noesis.core.retrieval.Retriever;
import dev.noesis.core.thought.Evidence;
import dev.noesis.core.thought.ThoughtState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Brings evidence from the document index and/or memory, through their ports. The question is
 * searched, and each sub-goal of the plan when there is one, so that a multi-step question finds
 * what each step needs. What several searches find is kept once, with its best score; every item
 * keeps its provenance (document and chunk, or the memory fact's source).
 */
public final class EvidenceRetriever implements ThinkingModule {

    public static final String NAME = "retriever";
    public static final String INDEX = "index";
    public static final String MEMORY = "memory";

    /**
     * @param k       items taken from each source per search (1 to 50; default 5)
     * @param from    where to look: {@code index}, {@code memory} or both (default: index)
     * @param perGoal whether each sub-goal of a plan is searched too (default true)
     * @param depth   memory: hops of expansion from the cue's seeds (0 to 3; default 2)
     */
    public record Config(Integer k, List<String> from, Boolean perGoal, Integer depth) {
        public Config {
            k = k == null ? 5 : k;
            from = from == null ? List.of(INDEX) : List.copyOf(from);
            perGoal = perGoal == null || perGoal;
            depth = depth == null ? 2 : depth;
            if (k < 1 || k > 50) {
                throw new InvalidInputException("retriever k must be between 1 and 50, got " + k + ".");
            }
            if (from.isEmpty() || !List.of(INDEX, MEMORY).containsAll(from)) {
                throw new InvalidInputException("retriever from must list index, memory or both, got " + from + ".");
            }
            if (depth < 0 || depth > 3) {
                throw new InvalidInputException("retriever depth must be between 0 and 3, got " + depth + ".");
            }
        }
    }

    private final Config config;
    private final ModuleEnvironment env;

    public EvidenceRetriever(Config config, ModuleEnvironment env) {
        this.config = config;
        this.env = env;
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
        List<String> queries = new ArrayList<>();
        queries.add(state.question());
        if (config.perGoal()) {
            state.plan().stream().filter(g -> !queries.contains(g)).forEach(queries::add);
        }
        // Keyed by source and text (a passage's source names its chunk), in the order first found.
        Map<String, Evidence> found = new LinkedHashMap<>();
        for (Evidence e : state.evidence()) {
            found.put(key(e), e);
        }
        int before = found.size();
        int duplicates = 0;
        for (String source : config.from()) {
            for (String query : queries) {
                List<Evidence> items = source.equals(INDEX) ? fromIndex(query) : fromMemory(query);
                int added = 0;
                for (Evidence item : items) {
                    Evidence old = found.get(key(item));
                    if (old == null) {
                        found.put(key(item), item);
                        added++;
                    } else {
                        duplicates++;
                        if (item.score() > old.score()) {
                            found.put(key(item), item);
                        }
                    }
                }
                context.note(
                        String.format(
                                Locale.ROOT,
                                "%s: %d found, %d new, for \"%s\"",
                                source,
                                items.size(),
                                added,
                                ModulePrompts.oneLine(query, 80)),
                        query.equals(state.question()) ? "the question" : "a sub-goal of the plan");
            }
        }
        if (duplicates > 0) {
            context.note(duplicates + " found again by another search, kept once", "with the best score it was given");
        }
        List<Evidence> all = new ArrayList<>(found.values());
        context.note(
                "evidence: " + (all.size() - before) + " new items, " + all.size() + " in all",
                "from " + String.join(" and ", config.from()));
        return state.withEvidence(all);
    }

    private static String key(Evidence e) {
        return e.source() + "\u0000" + e.text();
    }

    private List<Evidence> fromIndex(String query) {
        Retriever index = env.documents()
                .orElseThrow(() -> new InvalidInputException(
                        "The retriever module reads the document index (its `from` names `index`), and there is no index yet.",
                        Remedy.of(Remedy.Action.INGEST_DOCUMENTS)));
        return index.retrieve(RetrievalQuery.of(clip(query), config.k())).stream()
                .map(p -> p.toEvidence(NAME))
                .toList();
    }

    private List<Evidence> fromMemory(String query) {
        Memory memory = env.memory()
                .orElseThrow(() -> new InvalidInputException(
                        "The retriever module reads memory, and memory is not available here: drop `memory` from the"
                                + " retriever's `from`."));
        RecallResult recalled = memory.recall(clip(query), RecallOptions.DEFAULTS.withDepth(config.depth()));
        List<Evidence> items = new ArrayList<>();
        for (MemoryStatement s :
                recalled.statements().stream().limit(config.k()).toList()) {
            // A triple in the form the reasoning injector's triples style uses as it is.
            String text = "(" + s.subject() + "; " + s.predicate() + "; " + s.object() + ")";
            String source = s.source().isEmpty() ? MEMORY : MEMORY + ": " + s.source();
            items.add(new Evidence(text, source, s.score(), NAME));
        }
        return items;
    }

    private static String clip(String query) {
        return query.length() <= RetrievalQuery.MAX_TEXT_CHARS
                ? query
                : query.substring(0, RetrievalQuery.MAX_TEXT_CHARS);
    }

    public static final class Factory extends ModuleFactory<Config> {
        public Factory() {
            super(
                    NAME,
                    "Brings evidence from the document index and/or memory, per sub-goal when there is a plan,"
                            + " deduplicated, with provenance.",
                    Config.class,
                    EvidenceRetriever::new);
        }
    }
}
