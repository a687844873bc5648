package dev.noesis.experiments.run.cost;

import dev.noesis.core.error.InvalidInputException;

/**
 * A hosted API's price for one model, per million tokens, as its price list gives it.
 *
 * @param promptPer1M     per 1,000,000 prompt (input) tokens
 * @param completionPer1M per 1,000,000 completion (output) tokens
 */
public record ApiPrice(double promptPer1M, double completionPer1M) {

    public ApiPrice {
        if (!(promptPer1M >= 0) || !(completionPer1M >= 0) || !Double.isFinite(promptPer1M + completionPer1M)) {
            throw new InvalidInputException("API prices per million tokens are numbers of at least 0, not "
                    + promptPer1M + " and " + completionPer1M + ".");
        }
    }

    /** The money for these tokens. */
    public double money(long promptTokens, long completionTokens) {
        return (promptTokens * promptPer1M + completionTokens * completionPer1M) / 1_000_000.0;
    }
}
