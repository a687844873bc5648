package dev.noesis.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noesis.server.ApiException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * An embeddings request as Noesis serves it, read from OpenAI's body: texts only (token arrays
 * are refused), {@code float} or {@code base64} vectors, bounded in count and length.
 *
 * @param model      the embedding model named
 * @param input      the texts, in order
 * @param base64     whether vectors go out as base64 of little-endian float32 (else as numbers)
 * @param dimensions the length the client asked for, if it did (only the model's own is served)
 */
public record EmbeddingRequest(String model, List<String> input, boolean base64, OptionalInt dimensions) {

    /** Most texts one request may embed. */
    public static final int MAX_INPUTS = 256;

    /** Most characters of one text; the model reads at most its own window (512 tokens) of it anyway. */
    public static final int MAX_CHARS = 20_000;

    public EmbeddingRequest {
        input = List.copyOf(input);
    }

    public static EmbeddingRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        String model = null;
        List<String> input = null;
        boolean base64 = false;
        OptionalInt dimensions = OptionalInt.empty();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            if (v.isNull()) {
                continue;
            }
            switch (f.getKey()) {
                case "model" -> {
                    if (!v.isTextual()) {
                        throw ApiException.invalid("model", "model must be a string.");
                    }
                    model = v.asText();
                }
                case "input" -> input = input(v);
                case "encoding_format" -> {
                    switch (v.asText()) {
                        case "float" -> base64 = false;
                        case "base64" -> base64 = true;
                        default ->
                            throw ApiException.invalid(
                                    "encoding_format", "encoding_format must be float or base64, got " + v + ".");
                    }
                }
                case "dimensions" -> {
                    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1) {
                        throw ApiException.invalid("dimensions", "dimensions must be a positive whole number.");
                    }
                    dimensions = OptionalInt.of(v.asInt());
                }
                case "user" -> {
                    if (!v.isTextual()) {
                        throw ApiException.invalid("user", "user must be a string.");
                    }
                }
                default ->
                    throw ApiException.unsupported(
                            f.getKey(), "The field '" + f.getKey() + "' is not supported by this server.");
            }
        }
        if (model == null || model.isBlank()) {
            throw ApiException.invalid("model", "model is required: the embedding model's name (see GET /v1/models).");
        }
        if (input == null) {
            throw ApiException.invalid("input", "input is required: a string or an array of strings.");
        }
        return new EmbeddingRequest(model, input, base64, dimensions);
    }

    private static List<String> input(JsonNode v) {
        List<String> texts = new ArrayList<>();
        if (v.isTextual()) {
            texts.add(v.asText());
        } else if (v.isArray()) {
            if (v.isEmpty()) {
                throw ApiException.invalid("input", "input is an empty array; give at least one text.");
            }
            if (v.size() > MAX_INPUTS) {
                throw ApiException.invalid(
                        "input",
                        "input has " + v.size() + " texts; this server embeds at most " + MAX_INPUTS
                                + " in one request.");
            }
            for (JsonNode t : v) {
                if (!t.isTextual()) {
                    throw ApiException.unsupported(
                            "input",
                            "input must be a string or an array of strings; token arrays are not supported"
                                    + " (the tokens would be another model's).");
                }
                texts.add(t.asText());
            }
        } else {
            throw ApiException.invalid("input", "input must be a string or an array of strings.");
        }
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            if (t.isEmpty()) {
                throw ApiException.invalid("input", "input[" + i + "] is empty; OpenAI refuses empty texts too.");
            }
            if (t.length() > MAX_CHARS) {
                throw new ApiException(
                        413,
                        "invalid_request_error",
                        "input",
                        "input_too_large",
                        "input[" + i + "] has " + t.length() + " characters; this server takes at most " + MAX_CHARS
                                + " per text.",
                        null);
            }
        }
        return texts;
    }
}
