package dev.noesis.core.error;

/** Input the user gave cannot be used: a bad flag value, an empty question, a file that is not what it should be. */
public class InvalidInputException extends NoesisException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidInputException(String message, Remedy remedy) {
        super(message, null, remedy);
    }

    public InvalidInputException(String message, Throwable cause, Remedy remedy) {
        super(message, cause, remedy);
    }
}
