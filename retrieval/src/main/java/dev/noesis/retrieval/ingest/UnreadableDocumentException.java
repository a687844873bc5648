package dev.noesis.retrieval.ingest;

/** A file could not be read as the type its name says; the message is the reason shown to the user. */
public class UnreadableDocumentException extends RuntimeException {

    public UnreadableDocumentException(String reason) {
        super(reason);
    }

    public UnreadableDocumentException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
