package dev.noesis.lora;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keyword rules: each adapter's keywords are matched as whole words (or phrases), case
 * insensitively; the adapter with the most distinct matches wins, earlier in the registry on a
 * tie (the tie shows as a runner-up with the same score). No match: the fallback (the base
 * model, or a named adapter) answers.
 */
public final class KeywordRouter implements AdapterRouter {

    private record Rule(String adapter, List<Pattern> words) {}

    private final List<Rule> rules = new ArrayList<>();
    private final Optional<String> fallback;

    public KeywordRouter(List<AdapterEntry> adapters, Optional<String> fallback) {
        this.fallback = fallback.filter(f -> !AdapterRegistry.RESERVED.contains(f.toLowerCase(Locale.ROOT)));
        for (AdapterEntry a : adapters) {
            List<Pattern> words = a.keywords().stream()
                    .filter(k -> !k.isBlank())
                    .map(k -> Pattern.compile(
                            "(?<![\\p{L}\\p{N}])" + Pattern.quote(k.strip()) + "(?![\\p{L}\\p{N}])",
                            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                    .toList();
            if (!words.isEmpty()) {
                rules.add(new Rule(a.name(), words));
            }
        }
    }

    @Override
    public Route route(String question) {
        record Count(String adapter, int n) {}
        List<Count> counts = new ArrayList<>();
        for (Rule r : rules) {
            int n = (int)
                    r.words().stream().filter(p -> p.matcher(question).find()).count();
            if (n > 0) {
                counts.add(new Count(r.adapter(), n));
            }
        }
        if (counts.isEmpty()) {
            return new Route(fallback, 0, Optional.empty(), Double.NaN, "keyword", "no keyword of any adapter occurs");
        }
        // A stable sort: on a tie the adapter earlier in the registry stays first.
        counts.sort(java.util.Comparator.comparingInt(Count::n).reversed());
        Count best = counts.get(0);
        Optional<Count> second = counts.size() > 1 ? Optional.of(counts.get(1)) : Optional.empty();
        return new Route(
                Optional.of(best.adapter()),
                best.n(),
                second.map(Count::adapter),
                second.map(c -> (double) c.n()).orElse(Double.NaN),
                "keyword",
                best.n() + " of its keywords occur");
    }
}
