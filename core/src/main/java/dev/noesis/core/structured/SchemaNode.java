package dev.noesis.core.structured;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of JSON Schema that Noesis can both validate and enforce while decoding. Parsed and
 * checked by {@link JsonSchema}; every other keyword is refused there, by name.
 */
public sealed interface SchemaNode {

    /** Where the node sits in the schema document, as a JSON pointer (for messages). */
    String path();

    /**
     * An object with known properties. The decoder writes only these; {@code extrasAllowed}
     * records whether the schema tolerates others (for validating replies from servers).
     */
    record ObjectSchema(String path, Map<String, SchemaNode> properties, Set<String> required, boolean extrasAllowed)
            implements SchemaNode {}

    /** An array of {@code items}, between {@code minItems} and {@code maxItems} long. */
    record ArraySchema(String path, SchemaNode items, int minItems, int maxItems) implements SchemaNode {}

    /** A string of {@code minLength..maxLength} characters (code points), matching {@code pattern} when set. */
    record StringSchema(String path, int minLength, int maxLength, RegexSubset pattern) implements SchemaNode {}

    /** A number, or an integer when {@code integer}. */
    record NumberSchema(String path, boolean integer) implements SchemaNode {}

    record BooleanSchema(String path) implements SchemaNode {}

    record NullSchema(String path) implements SchemaNode {}

    /** One of these exact values ({@code enum}, or {@code const} with one value). */
    record EnumSchema(String path, List<JsonNode> values) implements SchemaNode {}

    /** At least one of the options. */
    record AnyOfSchema(String path, List<SchemaNode> options) implements SchemaNode {}
}
