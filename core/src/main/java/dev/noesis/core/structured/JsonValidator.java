package dev.noesis.core.structured;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noesis.core.structured.SchemaNode.AnyOfSchema;
import dev.noesis.core.structured.SchemaNode.ArraySchema;
import dev.noesis.core.structured.SchemaNode.BooleanSchema;
import dev.noesis.core.structured.SchemaNode.EnumSchema;
import dev.noesis.core.structured.SchemaNode.NullSchema;
import dev.noesis.core.structured.SchemaNode.NumberSchema;
import dev.noesis.core.structured.SchemaNode.ObjectSchema;
import dev.noesis.core.structured.SchemaNode.StringSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Checks a JSON value against a {@link SchemaNode}; each problem is one sentence with its JSON pointer. */
public final class JsonValidator {

    private JsonValidator() {}

    /** Problems found, empty when the value conforms. */
    public static List<String> validate(JsonNode value, SchemaNode schema) {
        List<String> errors = new ArrayList<>();
        check(value, schema, "", errors);
        return errors;
    }

    private static void check(JsonNode v, SchemaNode s, String at, List<String> errors) {
        String where = at.isEmpty() ? "/" : at;
        switch (s) {
            case ObjectSchema o -> {
                if (!v.isObject()) {
                    errors.add(where + ": expected an object, got " + kind(v));
                    return;
                }
                for (String r : o.required()) {
                    if (!v.has(r)) {
                        errors.add(where + ": the required property '" + r + "' is missing");
                    }
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    SchemaNode p = o.properties().get(e.getKey());
                    if (p != null) {
                        check(e.getValue(), p, at + "/" + e.getKey(), errors);
                    } else if (!o.extrasAllowed()) {
                        errors.add(where + ": the property '" + e.getKey() + "' is not allowed");
                    }
                }
            }
            case ArraySchema a -> {
                if (!v.isArray()) {
                    errors.add(where + ": expected an array, got " + kind(v));
                    return;
                }
                if (v.size() < a.minItems()) {
                    errors.add(where + ": expected at least " + a.minItems() + " items, got " + v.size());
                }
                if (v.size() > a.maxItems()) {
                    errors.add(where + ": expected at most " + a.maxItems() + " items, got " + v.size());
                }
                for (int i = 0; i < v.size(); i++) {
                    check(v.get(i), a.items(), at + "/" + i, errors);
                }
            }
            case StringSchema str -> {
                if (!v.isTextual()) {
                    errors.add(where + ": expected a string, got " + kind(v));
                    return;
                }
                String text = v.asText();
                int length = text.codePointCount(0, text.length());
                if (length < str.minLength()) {
                    errors.add(where + ": expected at least " + str.minLength() + " characters, got " + length);
                }
                if (length > str.maxLength()) {
                    errors.add(where + ": expected at most " + str.maxLength() + " characters, got " + length);
                }
                if (str.pattern() != null && !str.pattern().matches(text)) {
                    errors.add(where + ": \"" + text + "\" does not match the pattern "
                            + str.pattern().source());
                }
            }
            case NumberSchema n -> {
                if (!v.isNumber()) {
                    errors.add(where + ": expected " + (n.integer() ? "an integer" : "a number") + ", got " + kind(v));
                } else if (n.integer() && !v.canConvertToExactIntegral()) {
                    errors.add(where + ": expected an integer, got " + v);
                }
            }
            case BooleanSchema b -> {
                if (!v.isBoolean()) {
                    errors.add(where + ": expected true or false, got " + kind(v));
                }
            }
            case NullSchema n -> {
                if (!v.isNull()) {
                    errors.add(where + ": expected null, got " + kind(v));
                }
            }
            case EnumSchema e -> {
                if (e.values().stream().noneMatch(allowed -> sameValue(allowed, v))) {
                    errors.add(where + ": " + v + " is not one of " + e.values());
                }
            }
            case AnyOfSchema any -> {
                List<String> first = null;
                for (SchemaNode option : any.options()) {
                    List<String> optionErrors = new ArrayList<>();
                    check(v, option, at, optionErrors);
                    if (optionErrors.isEmpty()) {
                        return;
                    }
                    if (first == null) {
                        first = optionErrors;
                    }
                }
                errors.add(where + ": matches none of the " + any.options().size() + " anyOf options (the first says: "
                        + first.get(0) + ")");
            }
        }
    }

    /** JSON equality, with numbers compared by value (1 equals 1.0). */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!b.has(e.getKey()) || !sameValue(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
