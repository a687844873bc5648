package dev.noesis.experiments.suite.extract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * {@code json-field:NAME}: the output is (or contains) a JSON object, and the answer is its field
 * NAME, a string, number or boolean. What a structured-output pipeline writes; a markdown code
 * fence or text around the object is tolerated, because small models add them.
 */
public final class JsonFieldRule implements ExtractionRule {

    /** How many opening braces are tried before giving up, so a long output costs little. */
    private static final int MAX_ATTEMPTS = 16;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String field;

    public JsonFieldRule(String field) {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("json-field needs a field name, e.g. json-field:answer");
        }
        this.field = field;
    }

    @Override
    public String name() {
        return "json-field:" + field;
    }

    @Override
    public Optional<String> apply(String output) {
        int from = output.indexOf('{');
        for (int attempt = 0; from >= 0 && attempt < MAX_ATTEMPTS; attempt++) {
            Optional<String> found = fieldOfObjectAt(output, from);
            if (found.isPresent()) {
                return found;
            }
            from = output.indexOf('{', from + 1);
        }
        return Optional.empty();
    }

    private Optional<String> fieldOfObjectAt(String output, int start) {
        JsonNode node;
        try {
            // Reads the first value and ignores what follows it (trailing prose, a closing fence).
            node = JSON.readTree(output.substring(start));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }
}
