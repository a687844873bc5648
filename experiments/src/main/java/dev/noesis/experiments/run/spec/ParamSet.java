package dev.noesis.experiments.run.spec;

import dev.noesis.core.model.GenerationOverrides;
import dev.noesis.core.model.GenerationParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One point of an experiment's generation-params axis: every setting but the seed (seeds are their own
 * axis), fully resolved over {@link GenerationParams#DEFAULTS}, so that an experiment file says
 * exactly what ran whatever the user's configuration says.
 *
 * @param maxNewTokens the most new tokens per model call
 * @param temperature  0 for greedy decoding
 * @param topP         nucleus sampling's mass
 * @param stop         stop sequences
 */
public record ParamSet(int maxNewTokens, double temperature, double topP, List<String> stop) {

    /** The defaults of {@link GenerationParams#DEFAULTS}: greedy, 256 new tokens. */
    public static final ParamSet DEFAULTS = of(GenerationOverrides.NONE);

    public ParamSet {
        stop = List.copyOf(stop == null ? List.of() : stop);
        // The one check of generation settings is GenerationParams's own.
        new GenerationParams(maxNewTokens, temperature, topP, GenerationParams.DEFAULT_SEED, stop);
    }

    /** The settings {@code overrides} gives, the defaults for the rest. */
    public static ParamSet of(GenerationOverrides overrides) {
        GenerationParams p = overrides.over(GenerationParams.DEFAULTS);
        return new ParamSet(p.maxNewTokens(), p.temperature(), p.topP(), p.stopSequences());
    }

    /** The params a model call of seed {@code seed} runs with. */
    public GenerationParams params(long seed) {
        return new GenerationParams(maxNewTokens, temperature, topP, seed, stop);
    }

    /** The params as the item log and the config record them (seed apart). */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("max_tokens", maxNewTokens);
        map.put("temperature", temperature);
        map.put("top_p", topP);
        map.put("stop", stop);
        return map;
    }

    /** A short label for tables when params are an axis, e.g. {@code t=0.7 p=0.9 max=256}. */
    public String label() {
        String s = String.format(Locale.ROOT, "t=%s p=%s max=%d", number(temperature), number(topP), maxNewTokens);
        return stop.isEmpty() ? s : s + " stop=" + stop.size();
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
