package dev.noesis.modules;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.module.ModuleFactory;
import dev.noesis.core.module.StepContext;
import dev.noesis.core.module.ThinkingModule;
import dev.noesis.core.thought.Evidence;
import dev.noesis.core.thought.Hint;
import dev.noesis.core.thought.ThoughtState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Turns the plan and the evidence (passages and memory facts) into short cues for the next
 * prompt, in one of three styles: an outline of the sub-goals with the facts that bear on them,
 * triples, or a checklist. Cues are added most useful first (the plan, then evidence by score)
 * until the token budget is spent; each records why it was chosen, and what was left out is noted.
 */
public final class ReasoningInjector implements ThinkingModule {

    public static final String NAME = "reasoning-injector";

    /**
     * @param style     "outline" (default), "triples" or "checklist"
     * @param maxTokens the cues' budget, in tokens (estimated as characters / 4; default 300)
     */
    public record Config(String style, Integer maxTokens) {
        public Config {
            style = style == null ? "outline" : style;
            maxTokens = maxTokens == null ? 300 : maxTokens;
            if (!List.of("outline", "triples", "checklist").contains(style)) {
                throw new InvalidInputException(
                        "reasoning-injector style must be outline, triples or checklist, got '" + style + "'.");
            }
            if (maxTokens < 1) {
                throw new InvalidInputException(
                        "reasoning-injector maxTokens must be at least 1, got " + maxTokens + ".");
            }
        }
    }

    private final Config config;

    public ReasoningInjector(Config config) {
        this.config = config;
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
        List<Hint> candidates = new ArrayList<>();
        for (int i = 0; i < state.plan().size(); i++) {
            String goal = state.plan().get(i);
            String text = switch (config.style()) {
                case "checklist" -> "[ ] " + goal;
                case "triples" -> "(question; needs; " + goal + ")";
                default -> (i + 1) + ". " + goal;
            };
            candidates.add(new Hint(text, "sub-goal " + (i + 1) + " of the plan", NAME));
        }
        List<Integer> byScore = new ArrayList<>();
        for (int i = 0; i < state.evidence().size(); i++) {
            byScore.add(i);
        }
        byScore.sort(Comparator.comparingDouble(
                (Integer i) -> -state.evidence().get(i).score()));
        for (int i : byScore) {
            Evidence e = state.evidence().get(i);
            String fact = firstSentence(e.text());
            String text = switch (config.style()) {
                case "checklist" -> "[ ] check the answer against [" + (i + 1) + "]: " + fact;
                case "triples" -> e.text().startsWith("(") ? e.text() : "(" + e.source() + "; states; " + fact + ")";
                default -> "fact [" + (i + 1) + "]: " + fact;
            };
            candidates.add(new Hint(
                    text,
                    String.format(
                            java.util.Locale.ROOT, "evidence [%d] from %s, score %.3f", i + 1, e.source(), e.score()),
                    NAME));
        }
        List<Hint> chosen = new ArrayList<>(state.hints());
        int budget = config.maxTokens();
        int used = 0;
        int dropped = 0;
        for (Hint h : candidates) {
            int cost = (h.text().length() + 3) / 4;
            if (used + cost > budget) {
                dropped++;
                continue;
            }
            used += cost;
            chosen.add(h);
            context.note("injected: " + h.text(), h.reason());
        }
        if (dropped > 0) {
            context.note(dropped + " cues left out", "over the budget of " + budget + " tokens");
        }
        return state.withHints(chosen);
    }

    private static String firstSentence(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        int end = t.indexOf(". ");
        return end > 0 && end < 300 ? t.substring(0, end + 1) : t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }

    public static final class Factory extends ModuleFactory<Config> {
        public Factory() {
            super(
                    NAME,
                    "Turns plan and evidence into cues for the next prompt (outline, triples, checklist) within a token budget.",
                    Config.class,
                    (config, env) -> new ReasoningInjector(config));
        }
    }
}
