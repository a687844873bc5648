package dev.noesis.jlama;

/**
 * The figures of one generation by Jlama's own decoding loop, as Jlama measures them: the
 * reference against which a benchmark puts what Noesis's loop costs.
 *
 * @param promptTokens    tokens of the rendered prompt
 * @param promptMs        the prompt pass
 * @param generatedTokens new tokens
 * @param generationMs    generating them
 */
public record JlamaLoopRun(int promptTokens, long promptMs, int generatedTokens, long generationMs) {}
