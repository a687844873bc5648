package dev.noesis.server.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noesis.core.structured.JsonSchema;
import java.util.Optional;

/**
 * The JSON schema a reply is generated under when the request asks for structure, and how the
 * generated document is read back into what the client gets.
 *
 * <ul>
 *   <li>{@code response_format} alone: the reply is a document of the request's schema, sent as
 *       the message's content.
 *   <li>Tools with {@code required} or a named function: the reply is
 *       {@code {"tool": NAME, "arguments": ARGS}}, one option per callable tool ({@code anyOf}),
 *       {@code NAME} a constant and {@code ARGS} that tool's parameters schema; the tool's
 *       description annotates its option, so the model sees it in the instruction.
 *   <li>Tools with {@code auto}: one more option, {@code {"answer": TEXT}} ({@code TEXT} a string,
 *       or the {@code response_format} schema). The decision between answering and calling is the
 *       model's first constrained tokens ({@code "answer"} or {@code "tool"}); no separate step.
 * </ul>
 *
 * Since the decoder enforces the schema, a call always parses and its arguments validate against
 * the tool's schema; only a token budget too small for the document leaves it incomplete.
 *
 * @param schema the schema of the generated document
 * @param format the {@code response_format} schema, if the request gave one
 * @param tools  the request's tools
 */
public record ReplyShape(JsonSchema schema, Optional<JsonSchema> format, ToolSet tools) {

    static final String ANSWER = "answer";
    static final String TOOL = "tool";
    static final String ARGUMENTS = "arguments";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the reply is read as. */
    public sealed interface Reply {}

    /** A message's content. */
    public record Content(String text) implements Reply {}

    /** A call of {@code name} with its arguments, as JSON text. */
    public record Call(String name, String arguments) implements Reply {}

    /** The shape for a request, or empty when its reply is free text. */
    public static Optional<ReplyShape> of(Optional<JsonSchema> format, ToolSet tools) {
        if (!tools.mayCall()) {
            return format.map(f -> new ReplyShape(f, format, tools));
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode options = root.putArray("anyOf");
        if (tools.choice() == ToolSet.Choice.AUTO) {
            ObjectNode answer = options.addObject()
                    .put("type", "object")
                    .put("description", "An answer to the user, without calling a tool.");
            answer.putObject("properties")
                    .set(
                            ANSWER,
                            format.map(JsonSchema::document)
                                    .orElseGet(() -> JSON.createObjectNode().put("type", "string")));
            answer.putArray("required").add(ANSWER);
            answer.put("additionalProperties", false);
        }
        for (ToolSet.Tool t : tools.callable()) {
            ObjectNode call = options.addObject().put("type", "object");
            call.put(
                    "description",
                    "Calls the tool " + t.name() + (t.description().isEmpty() ? "" : ": " + t.description()));
            ObjectNode props = call.putObject("properties");
            props.putObject(TOOL).put("const", t.name());
            props.set(ARGUMENTS, t.parameters().document());
            call.putArray("required").add(TOOL).add(ARGUMENTS);
            call.put("additionalProperties", false);
        }
        return Optional.of(new ReplyShape(JsonSchema.of(root), format, tools));
    }

    /**
     * Reads a generated document. Text that is not a document of the schema (generation stopped
     * before it closed) is given back as content, as it is: the finish reason then says why.
     */
    public Reply read(String answer) {
        if (!tools.mayCall()) {
            return new Content(answer);
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            return new Content(answer);
        }
        if (doc != null && doc.has(TOOL) && doc.get(TOOL).isTextual() && doc.has(ARGUMENTS)) {
            return new Call(doc.get(TOOL).asText(), doc.get(ARGUMENTS).toString());
        }
        if (doc != null && doc.has(ANSWER)) {
            JsonNode a = doc.get(ANSWER);
            return new Content(format.isPresent() || !a.isTextual() ? a.toString() : a.asText());
        }
        return new Content(answer);
    }

    /** How an assistant's earlier call is written back into the history: as the model would have written it. */
    static String asHistory(String name, String arguments) {
        ObjectNode call = JSON.createObjectNode().put(TOOL, name);
        try {
            call.set(ARGUMENTS, JSON.readTree(arguments));
        } catch (JsonProcessingException e) {
            call.put(ARGUMENTS, arguments);
        }
        return call.toString();
    }
}
