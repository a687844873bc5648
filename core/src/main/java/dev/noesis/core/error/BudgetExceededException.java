package dev.noesis.core.error;

/** A run tried to go past one of its limits (model calls, tokens, wall time). The runner stops the run and keeps what it has. */
public class BudgetExceededException extends NoesisException {

    public BudgetExceededException(String message) {
        super(message);
    }
}
