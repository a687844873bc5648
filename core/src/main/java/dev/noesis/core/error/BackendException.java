package dev.noesis.core.error;

/** A model backend failed while working: a model server refused or timed out, an inference error. */
public class BackendException extends NoesisException {

    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }

    public BackendException(String message, Throwable cause, Remedy remedy) {
        super(message, cause, remedy);
    }
}
