package dev.noesis.core.model;

import java.util.List;
import java.util.Optional;

/**
 * Generation settings that one source wants changed: configuration, a command's flags, a REST
 * request. Each source gives only what it sets; {@link #over(GenerationParams)} is the one merge,
 * applied weakest first (defaults, then configuration, then the request), so every entry point
 * agrees on what wins.
 */
public record GenerationOverrides(
        Optional<Integer> maxNewTokens,
        Optional<Double> temperature,
        Optional<Double> topP,
        Optional<Long> seed,
        Optional<List<String>> stopSequences) {

    public static final GenerationOverrides NONE = new GenerationOverrides(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public GenerationOverrides {
        stopSequences = stopSequences.map(List::copyOf);
    }

    /** {@code base} with every setting this source gives replaced; the result is checked like any {@link GenerationParams}. */
    public GenerationParams over(GenerationParams base) {
        return new GenerationParams(
                maxNewTokens.orElse(base.maxNewTokens()),
                temperature.orElse(base.temperature()),
                topP.orElse(base.topP()),
                seed.orElse(base.seed()),
                stopSequences.orElse(base.stopSequences()));
    }

    public GenerationOverrides withMaxNewTokens(int n) {
        return new GenerationOverrides(Optional.of(n), temperature, topP, seed, stopSequences);
    }

    public GenerationOverrides withTemperature(double t) {
        return new GenerationOverrides(maxNewTokens, Optional.of(t), topP, seed, stopSequences);
    }

    public GenerationOverrides withTopP(double p) {
        return new GenerationOverrides(maxNewTokens, temperature, Optional.of(p), seed, stopSequences);
    }

    public GenerationOverrides withSeed(long s) {
        return new GenerationOverrides(maxNewTokens, temperature, topP, Optional.of(s), stopSequences);
    }

    public GenerationOverrides withStopSequences(List<String> stops) {
        return new GenerationOverrides(maxNewTokens, temperature, topP, seed, Optional.of(stops));
    }
}
