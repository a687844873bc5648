package dev.noesis.core.model;

import dev.noesis.core.error.InvalidInputException;
import java.util.List;

/**
 * How to generate. The defaults favour reproducibility: temperature 0 (greedy) and a fixed seed,
 * so the same prompt to the same model gives the same answer.
 *
 * @param maxNewTokens  the most new tokens to generate (not counting the prompt)
 * @param temperature   0 for greedy decoding; higher values sample more freely
 * @param topP          nucleus sampling: sample only among the most likely tokens whose
 *                      probabilities add up to this (1 = all tokens)
 * @param seed          seeds the sampler, so that sampling with temperature &gt; 0 is repeatable
 * @param stopSequences generation stops before any of these strings would appear in the text
 */
public record GenerationParams(
        int maxNewTokens, double temperature, double topP, long seed, List<String> stopSequences) {

    public static final int DEFAULT_MAX_NEW_TOKENS = 256;
    public static final long DEFAULT_SEED = 42;
    public static final int MAX_STOP_SEQUENCES = 16;
    public static final GenerationParams DEFAULTS =
            new GenerationParams(DEFAULT_MAX_NEW_TOKENS, 0.0, 1.0, DEFAULT_SEED, List.of());

    public GenerationParams {
        if (maxNewTokens < 1) {
            throw new InvalidInputException("max new tokens must be at least 1, got " + maxNewTokens + ".");
        }
        if (!(temperature >= 0.0 && temperature <= 10.0)) {
            throw new InvalidInputException("temperature must be between 0 and 10, got " + temperature + ".");
        }
        if (!(topP > 0.0 && topP <= 1.0)) {
            throw new InvalidInputException("top-p must be greater than 0 and at most 1, got " + topP + ".");
        }
        stopSequences = List.copyOf(stopSequences == null ? List.of() : stopSequences);
        if (stopSequences.size() > MAX_STOP_SEQUENCES) {
            throw new InvalidInputException(
                    "at most " + MAX_STOP_SEQUENCES + " stop sequences are allowed, got " + stopSequences.size() + ".");
        }
        if (stopSequences.stream().anyMatch(String::isEmpty)) {
            throw new InvalidInputException("a stop sequence cannot be empty.");
        }
    }

    public GenerationParams withMaxNewTokens(int n) {
        return new GenerationParams(n, temperature, topP, seed, stopSequences);
    }

    public GenerationParams withTemperature(double t) {
        return new GenerationParams(maxNewTokens, t, topP, seed, stopSequences);
    }

    public GenerationParams withTopP(double p) {
        return new GenerationParams(maxNewTokens, temperature, p, seed, stopSequences);
    }

    public GenerationParams withSeed(long s) {
        return new GenerationParams(maxNewTokens, temperature, topP, s, stopSequences);
    }

    public GenerationParams withStopSequences(List<String> stops) {
        return new GenerationParams(maxNewTokens, temperature, topP, seed, stops);
    }

    public boolean greedy() {
        return temperature == 0.0;
    }
}
