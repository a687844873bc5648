package dev.noesis.experiments.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noesis.core.structured.JsonSchema;
import java.util.List;

/**
 * The structured answers suites offer, each an object whose {@code answer} field the
 * {@code json-field:answer} rule reads.
 */
public final class AnswerSchemas {

    /** The longest short answer a QA schema allows: a phrase, not an essay. */
    public static final int MAX_SHORT_ANSWER = 200;

    /** The longest reasoning a math schema allows before its answer. */
    public static final int MAX_REASONING = 2_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnswerSchemas() {}

    /** {@code {"answer": "<short text>"}}. */
    public static JsonSchema shortAnswer() {
        ObjectNode answer = JSON.createObjectNode().put("type", "string").put("maxLength", MAX_SHORT_ANSWER);
        return object(List.of("answer"), List.of(answer));
    }

    /**
     * {@code {"reasoning": "...", "answer": <number>}}: the reasoning comes first, because the
     * decoder writes properties in order and a model that must give the number at once cannot work it out.
     */
    public static JsonSchema reasonedNumber() {
        ObjectNode reasoning = JSON.createObjectNode().put("type", "string").put("maxLength", MAX_REASONING);
        ObjectNode answer = JSON.createObjectNode().put("type", "number");
        return object(List.of("reasoning", "answer"), List.of(reasoning, answer));
    }

    /** {@code {"answer": one of labels}}. */
    public static JsonSchema label(List<String> labels) {
        ObjectNode answer = JSON.createObjectNode().put("type", "string");
        ArrayNode values = answer.putArray("enum");
        labels.forEach(values::add);
        return object(List.of("answer"), List.of(answer));
    }

    private static JsonSchema object(List<String> names, List<ObjectNode> schemas) {
        ObjectNode doc = JSON.createObjectNode().put("type", "object");
        ObjectNode props = doc.putObject("properties");
        ArrayNode required = doc.putArray("required");
        for (int i = 0; i < names.size(); i++) {
            props.set(names.get(i), schemas.get(i));
            required.add(names.get(i));
        }
        doc.put("additionalProperties", false);
        return JsonSchema.of(doc);
    }
}
