package dev.noesis.retrieval.ingest;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The parser for each file type Noesis ingests, chosen by extension. */
public final class DocumentParsers {

    /** The extensions read, for messages. */
    public static final String SUPPORTED = ".txt, .md, .markdown, .html, .htm, .pdf";

    private static final Map<String, String> TYPES = Map.of(
            "txt",
            "txt",
            "text",
            "txt",
            "md",
            "md",
            "markdown",
            "md",
            "html",
            "html",
            "htm",
            "html",
            "xhtml",
            "html",
            "pdf",
            "pdf");

    private final Map<String, DocumentParser> parsers = Map.of(
            "txt", new TextParser(false), "md", new TextParser(true), "html", new HtmlParser(), "pdf", new PdfParser());

    /** The document type of a file name ({@code md}, {@code pdf}, ...), if Noesis reads it. */
    public static Optional<String> typeOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(TYPES.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    public DocumentParser forType(String type) {
        DocumentParser p = parsers.get(type);
        if (p == null) {
            throw new IllegalArgumentException("No parser for " + type);
        }
        return p;
    }
}
