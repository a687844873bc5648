package dev.noesis.cli.command;

import dev.noesis.core.model.GenerationOverrides;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Generation settings as flags: a request's own settings, over those from configuration. */
public final class GenerationOptions {

    @Option(names = "--max-tokens", paramLabel = "N", description = "Most new tokens per model call. Default: 256.")
    Integer maxTokens;

    @Option(
            names = "--temperature",
            paramLabel = "T",
            description = "0 (the default) always picks the likeliest token: the same question gives the same answer.")
    Double temperature;

    @Option(
            names = "--top-p",
            paramLabel = "P",
            description = "Sample only among the likeliest tokens holding this share of probability. Default: 1.")
    Double topP;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Seed for sampling (temperature > 0), so that sampled runs repeat. Default: 42.")
    Long seed;

    @Option(names = "--stop", paramLabel = "TEXT", description = "Stop generating before this text (repeatable).")
    List<String> stops;

    /** The settings these flags give, for the one merge over configuration ({@link GenerationOverrides#over}). */
    public GenerationOverrides overrides() {
        return new GenerationOverrides(
                Optional.ofNullable(maxTokens),
                Optional.ofNullable(temperature),
                Optional.ofNullable(topP),
                Optional.ofNullable(seed),
                Optional.ofNullable(stops));
    }
}
