package dev.noesis.core.error;

/** A model's files exist but are incomplete, corrupt or of a kind Noesis cannot load. */
public class ModelFormatException extends InvalidInputException {

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
