package dev.noesis.app.cli;

import dev.noesis.core.model.GenerationParams;
import java.util.List;
import picocli.CommandLine.Option;

/** Generation settings as flags, over those from configuration. */
public final class GenerationOptions {

    @Option(names = "--max-tokens", paramLabel = "N", description = "Most new tokens per model call. Default: 256.")
    Integer maxTokens;

    @Option(names = "--temperature", paramLabel = "T",
            description = "0 (the default) always picks the likeliest token: the same question gives the same answer.")
    Double temperature;

    @Option(names = "--top-p", paramLabel = "P", description = "Sample only among the likeliest tokens holding this share of probability. Default: 1.")
    Double topP;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for sampling (temperature > 0), so that sampled runs repeat. Default: 42.")
    Long seed;

    @Option(names = "--stop", paramLabel = "TEXT", description = "Stop generating before this text (repeatable).")
    List<String> stops;

    public GenerationParams over(GenerationParams base) {
        GenerationParams p = base;
        if (maxTokens != null) {
            p = p.withMaxNewTokens(maxTokens);
        }
        if (temperature != null) {
            p = p.withTemperature(temperature);
        }
        if (topP != null) {
            p = p.withTopP(topP);
        }
        if (seed != null) {
            p = p.withSeed(seed);
        }
        if (stops != null) {
            p = p.withStopSequences(stops);
        }
        return p;
    }
}
