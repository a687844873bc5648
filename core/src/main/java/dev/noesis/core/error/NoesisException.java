package dev.noesis.core.error;

/**
 * The root of Noesis's errors. Every message is written for the person who has to act on it:
 * it says what went wrong. What to do about it, where an entry point has words for it (the command
 * to run, the endpoint to call), is its {@link #remedy()}: libraries never name commands.
 */
public class NoesisException extends RuntimeException {

    private final Remedy remedy;

    public NoesisException(String message) {
        this(message, null, Remedy.NONE);
    }

    public NoesisException(String message, Throwable cause) {
        this(message, cause, Remedy.NONE);
    }

    public NoesisException(String message, Throwable cause, Remedy remedy) {
        super(message, cause);
        this.remedy = remedy == null ? Remedy.NONE : remedy;
    }

    /** What the person can do about it, for the entry point to put in its own words. */
    public Remedy remedy() {
        return remedy;
    }
}
