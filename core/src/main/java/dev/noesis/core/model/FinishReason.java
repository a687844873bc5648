package dev.noesis.core.model;

/** Why a generation stopped. */
public enum FinishReason {
    /** The model produced its end-of-sequence token: it considers the answer complete. */
    END_OF_SEQUENCE,
    /** The text reached one of the requested stop sequences (which is not part of the text). */
    STOP_SEQUENCE,
    /** The requested number of new tokens was produced. */
    MAX_TOKENS,
    /** The model's context window is full. */
    CONTEXT_LIMIT,
    /** The calling thread was interrupted. */
    CANCELLED
}
