package dev.noesis.modules;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.module.ModuleFactory;
import dev.noesis.core.module.StepContext;
import dev.noesis.core.module.ThinkingModule;
import dev.noesis.core.thought.Draft;
import dev.noesis.core.thought.ThoughtState;
import dev.noesis.core.thought.Verdict;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the answer among the drafts: by majority vote over normalised answers (self-consistency),
 * by the highest critic score, or validators first (drafts that pass every check, then by critic
 * score). Ties go to the earliest draft. The choice and the reason are noted in the trace.
 */
public final class Selector implements ThinkingModule {

    public static final String NAME = "selector";
    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?");

    /**
     * @param by              "majority" (default), "critic" or "validator"
     * @param normalize       how drafts are compared for a vote: "auto" (numbers when every draft
     *                        has one, else text), "number" (the last number in the draft) or "text"
     * @param requireAccepted leave out drafts a critic asked to revise, unless none is left
     */
    public record Config(String by, String normalize, Boolean requireAccepted) {
        public Config {
            by = by == null ? "majority" : by;
            normalize = normalize == null ? "auto" : normalize;
            requireAccepted = requireAccepted != null && requireAccepted;
            if (!List.of("majority", "critic", "validator").contains(by)) {
                throw new InvalidInputException("selector by must be majority, critic or validator, got '" + by + "'.");
            }
            if (!List.of("auto", "number", "text").contains(normalize)) {
                throw new InvalidInputException(
                        "selector normalize must be auto, number or text, got '" + normalize + "'.");
            }
        }
    }

    private final Config config;

    public Selector(Config config) {
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
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < state.drafts().size(); i++) {
            int draft = i;
            boolean rejected = state.latestCritiqueOf(i)
                    .map(c -> c.verdict() == Verdict.REVISE)
                    .orElse(false);
            if (!config.requireAccepted() || !rejected) {
                candidates.add(draft);
            }
        }
        if (candidates.isEmpty()) {
            if (state.drafts().isEmpty()) {
                context.note("no answer chosen", "there are no drafts");
                return state;
            }
            context.note("every draft was rejected by a critic", "choosing among all of them");
            for (int i = 0; i < state.drafts().size(); i++) {
                candidates.add(i);
            }
        }
        int chosen;
        String why;
        switch (config.by()) {
            case "critic" -> {
                chosen = best(state, candidates, false);
                why = "highest critic score (" + score(state.drafts().get(chosen)) + ")";
            }
            case "validator" -> {
                chosen = best(state, candidates, true);
                Draft d = state.drafts().get(chosen);
                why = (d.validations().isEmpty()
                                ? "no checks ran"
                                : d.passedValidation() ? "passes every check" : "fails checks too")
                        + ", critic score " + score(d);
            }
            default -> {
                Map<String, List<Integer>> votes = new LinkedHashMap<>();
                boolean numbers = config.normalize().equals("number")
                        || (config.normalize().equals("auto")
                                && candidates.stream()
                                        .allMatch(i -> NUMBER.matcher(
                                                        state.drafts().get(i).text())
                                                .find()));
                for (int i : candidates) {
                    votes.computeIfAbsent(normalise(state.drafts().get(i).text(), numbers), k -> new ArrayList<>())
                            .add(i);
                }
                Map.Entry<String, List<Integer>> winner = null;
                for (Map.Entry<String, List<Integer>> e : votes.entrySet()) {
                    if (winner == null
                            || e.getValue().size() > winner.getValue().size()) {
                        winner = e;
                    }
                }
                chosen = winner.getValue().get(0);
                why = winner.getValue().size() + " of " + candidates.size() + " drafts agree on \"" + winner.getKey()
                        + "\"";
            }
        }
        context.note("chose draft " + chosen, why);
        return state.withAnswer(state.drafts().get(chosen).text());
    }

    private static int best(ThoughtState state, List<Integer> candidates, boolean checksFirst) {
        int best = candidates.get(0);
        for (int i : candidates) {
            Draft d = state.drafts().get(i);
            Draft b = state.drafts().get(best);
            int byChecks = checksFirst ? Boolean.compare(passes(d), passes(b)) : 0;
            if (byChecks > 0 || (byChecks == 0 && score(d) > score(b))) {
                best = i;
            }
        }
        return best;
    }

    private static boolean passes(Draft d) {
        return !d.validations().isEmpty() && d.passedValidation();
    }

    private static double score(Draft d) {
        return d.scores().getOrDefault(Critic.NAME, 0.0);
    }

    /** The form drafts are compared in: the last number, or the text without case, spacing and end punctuation. */
    static String normalise(String text, boolean number) {
        if (number) {
            Matcher m = NUMBER.matcher(text);
            String last = null;
            while (m.find()) {
                last = m.group();
            }
            if (last != null) {
                return new BigDecimal(last.replace(",", ""))
                        .stripTrailingZeros()
                        .toPlainString();
            }
        }
        String t = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        t = t.replaceFirst("^(the )?(final )?answer( is)?:?\\s*", "");
        return t.replaceAll("^[\\p{Punct}\\s]+|[\\p{Punct}\\s]+$", "");
    }

    public static final class Factory extends ModuleFactory<Config> {
        public Factory() {
            super(
                    NAME,
                    "Chooses the answer among drafts: majority vote, best critic score, or validators first.",
                    Config.class,
                    (config, env) -> new Selector(config));
        }
    }
}
