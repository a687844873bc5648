package dev.noesis.core.error;

/**
 * The root of Noesis's errors. Every message is written for the person who has to act on it:
 * it says what went wrong and, where there is one, what to do about it.
 */
public class NoesisException extends RuntimeException {

    public NoesisException(String message) {
        super(message);
    }

    public NoesisException(String message, Throwable cause) {
        super(message, cause);
    }
}
