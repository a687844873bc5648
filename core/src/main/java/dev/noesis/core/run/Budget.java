package dev.noesis.core.run;

import dev.noesis.core.error.InvalidInputException;
import java.time.Duration;
import java.util.Objects;

/**
 * The limits of one run. A run that reaches one stops with a clear reason and keeps what it has.
 * Every run has a budget, so a pipeline with a loop cannot run away with the machine.
 *
 * @param maxModelCalls most calls to the model
 * @param maxTokens     most tokens, prompt and completion together, over all calls. New tokens
 *                      are capped to what is left; the prompt of the last call can go past it,
 *                      since a prompt's size is known only once the model has read it
 * @param maxWallTime   longest wall time
 */
public record Budget(int maxModelCalls, long maxTokens, Duration maxWallTime) {

    public static final Budget DEFAULT = new Budget(32, 200_000, Duration.ofMinutes(15));

    public Budget {
        Objects.requireNonNull(maxWallTime, "maxWallTime");
        if (maxModelCalls < 1) {
            throw new InvalidInputException(
                    "a run needs a budget of at least 1 model call, got " + maxModelCalls + ".");
        }
        if (maxTokens < 1) {
            throw new InvalidInputException("a run needs a budget of at least 1 token, got " + maxTokens + ".");
        }
        if (maxWallTime.isNegative() || maxWallTime.isZero()) {
            throw new InvalidInputException("a run needs a positive wall-time budget, got " + maxWallTime + ".");
        }
    }

    public Budget withMaxModelCalls(int n) {
        return new Budget(n, maxTokens, maxWallTime);
    }

    public Budget withMaxTokens(long n) {
        return new Budget(maxModelCalls, n, maxWallTime);
    }

    public Budget withMaxWallTime(Duration d) {
        return new Budget(maxModelCalls, maxTokens, d);
    }
}
