package dev.noesis.core.error;

/** A model was named (a folder, a hub id, a URL) but cannot be found or reached. */
public class ModelNotFoundException extends InvalidInputException {

    public ModelNotFoundException(String message) {
        super(message);
    }

    public ModelNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }

    public ModelNotFoundException(String message, Remedy remedy) {
        super(message, remedy);
    }

    public ModelNotFoundException(String message, Throwable cause, Remedy remedy) {
        super(message, cause, remedy);
    }
}
