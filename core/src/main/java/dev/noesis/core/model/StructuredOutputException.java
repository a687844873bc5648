package dev.noesis.core.model;

import dev.noesis.core.error.NoesisException;

/** A structured generation gave no valid value; the result, with the raw text and errors, comes with it. */
public class StructuredOutputException extends NoesisException {

    private final transient StructuredResult result;

    public StructuredOutputException(StructuredResult result) {
        super(message(result));
        this.result = result;
    }

    public StructuredResult result() {
        return result;
    }

    private static String message(StructuredResult r) {
        String raw = r.rawText().length() > 200 ? r.rawText().substring(0, 200) + "..." : r.rawText();
        String what = r.status() == StructuredResult.Status.TRUNCATED
                ? "The structured output was truncated: " + String.join("; ", r.errors())
                : "The model's reply does not match the schema after " + r.attempts() + " attempt(s): "
                        + String.join("; ", r.errors());
        return what + ". Raw text: \"" + raw + "\"";
    }
}
