package dev.noesis.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.structured.JsonSchema;
import java.util.List;
import java.util.Objects;

/**
 * What a structured generation produced. A failure is a result too, with the raw text and the
 * problems found, so that nothing is silently dropped; {@link #valueOrThrow()} turns it into an
 * exception where the caller cannot go on without the value.
 *
 * @param status     VALID, INVALID (the text does not parse or validate) or TRUNCATED (the token
 *                   budget ran out before the document was complete)
 * @param value      the parsed value; null unless VALID
 * @param rawText    the model's text (of the last attempt)
 * @param errors     why it is not valid; empty when VALID
 * @param completion figures over all attempts (tokens and times summed; the last attempt's finish reason)
 * @param attempts   how many generations it took (1 unless replies were repaired)
 */
public record StructuredResult(
        Status status, JsonNode value, String rawText, List<String> errors, Completion completion, int attempts) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Status {
        VALID,
        INVALID,
        TRUNCATED
    }

    public StructuredResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(rawText, "rawText");
        Objects.requireNonNull(completion, "completion");
        errors = List.copyOf(errors == null ? List.of() : errors);
        if ((status == Status.VALID) != (value != null)) {
            throw new IllegalArgumentException("a value goes with VALID, and only with VALID");
        }
    }

    public static StructuredResult valid(JsonNode value, String rawText, Completion completion, int attempts) {
        return new StructuredResult(Status.VALID, value, rawText, List.of(), completion, attempts);
    }

    public static StructuredResult failed(
            Status status, String rawText, List<String> errors, Completion completion, int attempts) {
        return new StructuredResult(status, null, rawText, errors, completion, attempts);
    }

    public boolean valid() {
        return status == Status.VALID;
    }

    /** The value, or a {@link StructuredOutputException} saying why there is none. */
    public JsonNode valueOrThrow() {
        if (!valid()) {
            throw new StructuredOutputException(this);
        }
        return value;
    }

    /** The value as a Java object (a record given to {@link JsonSchema#forRecord}, say). */
    public <T> T as(Class<T> type) {
        return JSON.convertValue(valueOrThrow(), type);
    }
}
