package dev.noesis.retrieval.ingest;

/** Turns a file's bytes into text. */
public interface DocumentParser {

    /**
     * @param bytes    the file's content
     * @param fileName its name, for a fallback title
     * @throws UnreadableDocumentException when the bytes are not a readable document of this type
     */
    ParsedDocument parse(byte[] bytes, String fileName);
}
