package dev.noesis.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.server.ApiException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request's {@code response_format}, as the schema the reply is generated under:
 * {@code text} is none; {@code json_schema} is its {@code schema} (enforced whether {@code strict}
 * is true or false: a constrained decoder has no looser mode); {@code json_object} is
 * {@code {"type": "object"}}, any object. The in-process decoder writes only the properties a
 * schema declares, so there {@code json_object} gives {@code {}}: give a {@code json_schema} to get
 * content.
 */
final class ResponseFormat {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    static final String PARAM = "response_format";

    private ResponseFormat() {}

    static Optional<JsonSchema> parse(JsonNode v) {
        if (!v.isObject() || !v.path("type").isTextual()) {
            throw ApiException.invalid(
                    PARAM, "response_format must be an object with a type (text, json_object or" + " json_schema).");
        }
        String type = v.get("type").asText();
        return switch (type) {
            case "text" -> {
                only(v, Set.of("type"));
                yield Optional.empty();
            }
            case "json_object" -> {
                only(v, Set.of("type"));
                yield Optional.of(JsonSchema.of(JSON.createObjectNode().put("type", "object")));
            }
            case "json_schema" -> {
                only(v, Set.of("type", "json_schema"));
                yield Optional.of(jsonSchema(v.path("json_schema")));
            }
            default ->
                throw ApiException.unsupported(
                        PARAM + ".type",
                        "response_format type '" + type + "' is not supported; use text, json_object or json_schema.");
        };
    }

    private static JsonSchema jsonSchema(JsonNode js) {
        String at = PARAM + ".json_schema";
        if (!js.isObject()) {
            throw ApiException.invalid(at, at + " must be an object with a name and a schema.");
        }
        only(js, Set.of("name", "description", "schema", "strict"), at);
        if (!js.path("name").isTextual()
                || !NAME.matcher(js.get("name").asText()).matches()) {
            throw ApiException.invalid(
                    at + ".name",
                    at + ".name must be 1 to 64 letters, digits, underscores or dashes, got " + js.path("name") + ".");
        }
        if (js.has("strict")
                && !js.get("strict").isBoolean()
                && !js.get("strict").isNull()) {
            throw ApiException.invalid(at + ".strict", at + ".strict must be true or false.");
        }
        JsonNode schema = js.get("schema");
        if (schema == null || schema.isNull()) {
            // OpenAI's schema is optional; without one, the reply is any object.
            return JsonSchema.of(JSON.createObjectNode().put("type", "object"));
        }
        return ToolSet.schema(schema, at + ".schema");
    }

    private static void only(JsonNode v, Set<String> keys) {
        only(v, keys, PARAM);
    }

    private static void only(JsonNode v, Set<String> keys, String at) {
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key) && !v.get(key).isNull()) {
                throw ApiException.unsupported(
                        at + "." + key, "The field '" + key + "' of " + at + " is not supported.");
            }
        }
    }
}
