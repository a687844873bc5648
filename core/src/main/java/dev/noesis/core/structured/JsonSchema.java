package dev.noesis.core.structured;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.structured.SchemaNode.AnyOfSchema;
import dev.noesis.core.structured.SchemaNode.ArraySchema;
import dev.noesis.core.structured.SchemaNode.BooleanSchema;
import dev.noesis.core.structured.SchemaNode.EnumSchema;
import dev.noesis.core.structured.SchemaNode.NullSchema;
import dev.noesis.core.structured.SchemaNode.NumberSchema;
import dev.noesis.core.structured.SchemaNode.ObjectSchema;
import dev.noesis.core.structured.SchemaNode.StringSchema;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON Schema that Noesis can enforce. Given as a document (or derived from a Java record),
 * it is checked at once: any keyword outside the supported subset is refused with its name and
 * path, so a schema never fails in the middle of a generation.
 *
 * <p>Supported: {@code type} (one or a list), {@code properties}, {@code required},
 * {@code additionalProperties} (false or true; the decoder writes only declared properties),
 * {@code items}, {@code minItems}, {@code maxItems}, {@code minLength}, {@code maxLength},
 * {@code pattern} (see {@link RegexSubset}; not together with a length), {@code enum},
 * {@code const}, {@code anyOf}, and annotations such as {@code title} and {@code description}.
 */
public final class JsonSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ANNOTATIONS = Set.of(
            "$schema",
            "$id",
            "$comment",
            "title",
            "description",
            "default",
            "examples",
            "deprecated",
            "readOnly",
            "writeOnly");
    private static final Map<String, Set<String>> KEYWORDS = Map.of(
            "object", Set.of("properties", "required", "additionalProperties"),
            "array", Set.of("items", "minItems", "maxItems"),
            "string", Set.of("minLength", "maxLength", "pattern"),
            "number", Set.of(),
            "integer", Set.of(),
            "boolean", Set.of(),
            "null", Set.of());

    private static final Set<String> STRUCTURAL = Set.of("type", "enum", "const", "anyOf");

    private final JsonNode document;
    private final SchemaNode root;

    private JsonSchema(JsonNode document, SchemaNode root) {
        this.document = document;
        this.root = root;
    }

    /** Parses and checks a schema given as JSON text. */
    public static JsonSchema parse(String json) {
        try {
            return of(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("The schema is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Checks a schema document. */
    public static JsonSchema of(JsonNode document) {
        return new JsonSchema(document.deepCopy(), node(document, ""));
    }

    /** A string that must be one of {@code options}. */
    public static JsonSchema choice(List<String> options) {
        if (options.isEmpty()) {
            throw new InvalidInputException("A choice needs at least one option.");
        }
        ObjectNode doc = JSON.createObjectNode().put("type", "string");
        ArrayNode values = doc.putArray("enum");
        new LinkedHashSet<>(options).forEach(values::add);
        return of(doc);
    }

    /**
     * The schema of a record: an object with every component required and no other property.
     * Components may be strings, numbers, booleans, enums, nested records, and lists or arrays of those.
     */
    public static JsonSchema forRecord(Class<?> type) {
        return of(recordSchema(type, type.getSimpleName()));
    }

    public JsonNode document() {
        return document.deepCopy();
    }

    public SchemaNode root() {
        return root;
    }

    public String toJson() {
        return document.toString();
    }

    @Override
    public String toString() {
        return toJson();
    }

    // ---- checking a document ----

    private static SchemaNode node(JsonNode n, String path) {
        String where = path.isEmpty() ? "/" : path;
        if (!n.isObject()) {
            throw new UnsupportedSchemaException(
                    "The schema at " + where + " is " + (n.isBoolean() ? "a boolean schema" : "not an object")
                            + "; give an object with a \"type\" there.");
        }
        for (String key : iterable(n)) {
            if (!ANNOTATIONS.contains(key)
                    && !STRUCTURAL.contains(key)
                    && KEYWORDS.values().stream().noneMatch(k -> k.contains(key))) {
                throw unsupported(
                        key,
                        where,
                        key.equals("$ref") || key.equals("$defs") || key.equals("definitions")
                                ? "write the referenced schema inline"
                                : null);
            }
        }
        if (n.has("anyOf")) {
            onlyAnnotationsBesides(n, Set.of("anyOf"), where);
            JsonNode options = n.get("anyOf");
            if (!options.isArray() || options.isEmpty()) {
                throw new UnsupportedSchemaException(
                        "\"anyOf\" at " + where + " must be a non-empty array of schemas.");
            }
            List<SchemaNode> out = new ArrayList<>();
            for (int i = 0; i < options.size(); i++) {
                out.add(node(options.get(i), path + "/anyOf/" + i));
            }
            return new AnyOfSchema(where, List.copyOf(out));
        }
        if (n.has("enum") || n.has("const")) {
            String key = n.has("enum") ? "enum" : "const";
            onlyAnnotationsBesides(n, Set.of(key, "type"), where);
            List<JsonNode> values = new ArrayList<>();
            if (key.equals("const")) {
                values.add(n.get("const"));
            } else if (n.get("enum").isArray() && !n.get("enum").isEmpty()) {
                n.get("enum").forEach(values::add);
            } else {
                throw new UnsupportedSchemaException("\"enum\" at " + where + " must be a non-empty array.");
            }
            if (n.has("type")) {
                SchemaNode typed = typedNode(withoutKey(n, key), where);
                for (JsonNode v : values) {
                    List<String> errors = JsonValidator.validate(v, typed);
                    if (!errors.isEmpty()) {
                        throw new UnsupportedSchemaException("The " + key + " value " + v + " at " + where
                                + " does not have the schema's own type: " + errors.get(0));
                    }
                }
            }
            return new EnumSchema(where, List.copyOf(values));
        }
        return typedNode(n, where);
    }

    private static SchemaNode typedNode(JsonNode n, String where) {
        JsonNode type = n.get("type");
        if (type == null) {
            throw new UnsupportedSchemaException(
                    "The schema at " + where + " has no \"type\" (nor enum, const or anyOf);"
                            + " the decoder needs to know what to write there.");
        }
        if (type.isArray()) {
            List<SchemaNode> options = new ArrayList<>();
            Set<String> used = new LinkedHashSet<>();
            for (JsonNode t : type) {
                options.add(single(n, t.asText(), where, used));
            }
            for (String key : iterable(n)) {
                if (!key.equals("type") && !ANNOTATIONS.contains(key) && !used.contains(key)) {
                    throw unsupported(key, where, "it applies to none of the types " + type);
                }
            }
            return options.size() == 1 ? options.get(0) : new AnyOfSchema(where, List.copyOf(options));
        }
        Set<String> used = new LinkedHashSet<>();
        SchemaNode s = single(n, type.asText(), where, used);
        for (String key : iterable(n)) {
            if (!key.equals("type") && !ANNOTATIONS.contains(key) && !used.contains(key)) {
                throw unsupported(key, where, null);
            }
        }
        return s;
    }

    /** Builds the node for one type from the keywords that belong to it, recording which were used. */
    private static SchemaNode single(JsonNode n, String type, String where, Set<String> used) {
        Set<String> allowed = KEYWORDS.get(type);
        if (allowed == null) {
            throw new UnsupportedSchemaException("Unknown type \"" + type + "\" at " + where
                    + "; use object, array, string, number, integer, boolean or null.");
        }
        for (String key : iterable(n)) {
            if (allowed.contains(key)) {
                used.add(key);
            }
        }
        return switch (type) {
            case "object" -> objectNode(n, where);
            case "array" -> {
                JsonNode items = n.get("items");
                if (items == null) {
                    throw new UnsupportedSchemaException("The array at " + where
                            + " has no \"items\" schema; the decoder needs" + " to know what its elements are.");
                }
                int min = count(n, "minItems", 0, where);
                int max = count(n, "maxItems", Integer.MAX_VALUE, where);
                if (max < min) {
                    throw new UnsupportedSchemaException(
                            "maxItems < minItems at " + where + ": no array can satisfy it.");
                }
                yield new ArraySchema(where, node(items, pointer(where, "items")), min, max);
            }
            case "string" -> {
                int min = count(n, "minLength", 0, where);
                int max = count(n, "maxLength", Integer.MAX_VALUE, where);
                if (max < min) {
                    throw new UnsupportedSchemaException(
                            "maxLength < minLength at " + where + ": no string can satisfy it.");
                }
                RegexSubset pattern = null;
                if (n.has("pattern")) {
                    if (n.has("minLength") || n.has("maxLength")) {
                        throw new UnsupportedSchemaException("\"pattern\" together with minLength/maxLength at " + where
                                + " is not supported; put the length into the pattern instead, e.g. ^[a-z]{1,20}$.");
                    }
                    pattern = RegexSubset.compile(n.get("pattern").asText(), where);
                }
                yield new StringSchema(where, min, max, pattern);
            }
            case "number" -> new NumberSchema(where, false);
            case "integer" -> new NumberSchema(where, true);
            case "boolean" -> new BooleanSchema(where);
            default -> new NullSchema(where);
        };
    }

    private static ObjectSchema objectNode(JsonNode n, String where) {
        Map<String, SchemaNode> properties = new LinkedHashMap<>();
        JsonNode props = n.get("properties");
        if (props != null) {
            if (!props.isObject()) {
                throw new UnsupportedSchemaException("\"properties\" at " + where + " must be an object.");
            }
            for (Map.Entry<String, JsonNode> e : props.properties()) {
                properties.put(e.getKey(), node(e.getValue(), pointer(pointer(where, "properties"), e.getKey())));
            }
        }
        Set<String> required = new LinkedHashSet<>();
        JsonNode req = n.get("required");
        if (req != null) {
            if (!req.isArray()) {
                throw new UnsupportedSchemaException(
                        "\"required\" at " + where + " must be an array of property names.");
            }
            for (JsonNode r : req) {
                if (!properties.containsKey(r.asText())) {
                    throw new UnsupportedSchemaException("The required property '" + r.asText() + "' at " + where
                            + " is not among its \"properties\", so the decoder would not know how to write it.");
                }
                required.add(r.asText());
            }
        }
        boolean extras = true;
        JsonNode additional = n.get("additionalProperties");
        if (additional != null) {
            if (!additional.isBoolean()) {
                throw unsupported("additionalProperties", where, "only true or false is supported, not a schema");
            }
            extras = additional.asBoolean();
        }
        // Declaration order is kept: the decoder offers properties in the order the schema gives them.
        return new ObjectSchema(
                where, Collections.unmodifiableMap(properties), Collections.unmodifiableSet(required), extras);
    }

    private static int count(JsonNode n, String key, int fallback, String where) {
        JsonNode v = n.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.canConvertToExactIntegral() || v.asLong() < 0 || v.asLong() > Integer.MAX_VALUE) {
            throw new UnsupportedSchemaException(
                    "\"" + key + "\" at " + where + " must be a non-negative whole number, got " + v + ".");
        }
        return v.asInt();
    }

    private static void onlyAnnotationsBesides(JsonNode n, Set<String> keys, String where) {
        for (String key : iterable(n)) {
            if (!keys.contains(key) && !ANNOTATIONS.contains(key)) {
                throw unsupported(key, where, "it cannot be combined with " + String.join("/", keys) + " here");
            }
        }
    }

    private static UnsupportedSchemaException unsupported(String keyword, String where, String why) {
        return new UnsupportedSchemaException("The schema keyword \"" + keyword + "\" at " + where + " is not supported"
                + (why == null ? "" : ": " + why)
                + ". Noesis enforces type, properties, required, additionalProperties,"
                + " items, minItems, maxItems, minLength, maxLength, pattern, enum, const and anyOf.");
    }

    private static Iterable<String> iterable(JsonNode n) {
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static JsonNode withoutKey(JsonNode n, String key) {
        ObjectNode copy = ((ObjectNode) n).deepCopy();
        copy.remove(key);
        return copy;
    }

    private static String pointer(String base, String key) {
        String escaped = key.replace("~", "~0").replace("/", "~1");
        return (base.equals("/") ? "" : base) + "/" + escaped;
    }

    // ---- records ----

    private static ObjectNode recordSchema(Class<?> type, String where) {
        if (!type.isRecord()) {
            throw new InvalidInputException(
                    type.getName() + " is not a record; structured output maps records to schemas.");
        }
        ObjectNode doc = JSON.createObjectNode().put("type", "object");
        ObjectNode props = doc.putObject("properties");
        ArrayNode required = doc.putArray("required");
        for (RecordComponent c : type.getRecordComponents()) {
            props.set(c.getName(), typeSchema(c.getGenericType(), where + "." + c.getName()));
            required.add(c.getName());
        }
        doc.put("additionalProperties", false);
        return doc;
    }

    private static ObjectNode typeSchema(Type t, String where) {
        if (t instanceof ParameterizedType p
                && p.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            ObjectNode array = JSON.createObjectNode().put("type", "array");
            array.set("items", typeSchema(p.getActualTypeArguments()[0], where + "[]"));
            return array;
        }
        if (!(t instanceof Class<?> c)) {
            throw new InvalidInputException("The record component " + where + " has type " + t
                    + ", which has no JSON schema (use strings, numbers, booleans, enums, records, lists or arrays).");
        }
        if (c == String.class || c == char.class || c == Character.class) {
            return JSON.createObjectNode().put("type", "string");
        }
        if (c == int.class
                || c == long.class
                || c == short.class
                || c == byte.class
                || c == Integer.class
                || c == Long.class
                || c == Short.class
                || c == Byte.class
                || c == BigInteger.class) {
            return JSON.createObjectNode().put("type", "integer");
        }
        if (c == double.class || c == float.class || c == Double.class || c == Float.class || c == BigDecimal.class) {
            return JSON.createObjectNode().put("type", "number");
        }
        if (c == boolean.class || c == Boolean.class) {
            return JSON.createObjectNode().put("type", "boolean");
        }
        if (c.isEnum()) {
            ObjectNode e = JSON.createObjectNode().put("type", "string");
            ArrayNode values = e.putArray("enum");
            for (Object constant : c.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            return e;
        }
        if (c.isArray()) {
            ObjectNode array = JSON.createObjectNode().put("type", "array");
            array.set("items", typeSchema(c.getComponentType(), where + "[]"));
            return array;
        }
        if (c.isRecord()) {
            return recordSchema(c, where);
        }
        throw new InvalidInputException("The record component " + where + " has type " + c.getName()
                + ", which has no JSON schema (use strings, numbers, booleans, enums, records, lists or arrays).");
    }
}
