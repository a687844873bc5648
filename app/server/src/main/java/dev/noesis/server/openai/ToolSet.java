package dev.noesis.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.server.ApiException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request's {@code tools} and {@code tool_choice}, read and checked: each tool a function with a
 * name, a description and a parameters schema that Noesis can enforce (a schema keyword outside
 * the subset is refused by name, with the tool's path, before anything runs).
 *
 * @param tools  the functions, in the request's order
 * @param choice what the reply may be: {@code auto} (an answer or a call), {@code none} (an
 *               answer), {@code required} (a call of any tool) or {@code named} (a call of {@code name})
 * @param name   the function a {@code named} choice asks for; empty otherwise
 */
public record ToolSet(List<Tool> tools, Choice choice, Optional<String> name) {

    /** What {@code tool_choice} allows. */
    public enum Choice {
        AUTO,
        NONE,
        REQUIRED,
        NAMED
    }

    /** A function the model may call. */
    public record Tool(String name, String description, JsonSchema parameters) {}

    /** No tools: every reply is an answer. */
    public static final ToolSet NONE = new ToolSet(List.of(), Choice.NONE, Optional.empty());

    /** Most tools one request may list: each one is an option of the reply's schema. */
    public static final int MAX_TOOLS = 64;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    public ToolSet {
        tools = List.copyOf(tools);
    }

    /** Whether the reply may be a tool call. */
    public boolean mayCall() {
        return !tools.isEmpty() && choice != Choice.NONE;
    }

    /** The tools a call may name: all of them, or the one a named choice asks for. */
    public List<Tool> callable() {
        return choice == Choice.NAMED
                ? tools.stream()
                        .filter(t -> t.name().equals(name.orElseThrow()))
                        .toList()
                : tools;
    }

    /**
     * Reads {@code tools} and {@code tool_choice} (either may be null, meaning absent). As OpenAI
     * does, the choice defaults to {@code auto} when there are tools, and names a tool only among them.
     */
    public static ToolSet parse(JsonNode toolsNode, JsonNode choiceNode) {
        List<Tool> tools = toolsNode == null ? List.of() : tools(toolsNode);
        if (choiceNode == null) {
            return tools.isEmpty() ? NONE : new ToolSet(tools, Choice.AUTO, Optional.empty());
        }
        if (choiceNode.isTextual()) {
            Choice c = switch (choiceNode.asText()) {
                case "auto" -> Choice.AUTO;
                case "none" -> Choice.NONE;
                case "required" -> Choice.REQUIRED;
                default ->
                    throw ApiException.invalid(
                            "tool_choice",
                            "tool_choice must be \"auto\", \"none\", \"required\" or {\"type\": \"function\","
                                    + " \"function\": {\"name\": ...}}, got \"" + choiceNode.asText() + "\".");
            };
            if (c != Choice.NONE && tools.isEmpty()) {
                throw ApiException.invalid(
                        "tool_choice",
                        "tool_choice \"" + choiceNode.asText() + "\" needs tools; the request has none.");
            }
            return new ToolSet(tools, c, Optional.empty());
        }
        if (!choiceNode.isObject()
                || !"function".equals(choiceNode.path("type").asText())
                || !choiceNode.path("function").path("name").isTextual()) {
            throw ApiException.invalid(
                    "tool_choice",
                    "tool_choice must be a string or {\"type\": \"function\", \"function\": {\"name\": ...}}.");
        }
        String wanted = choiceNode.path("function").path("name").asText();
        if (tools.stream().noneMatch(t -> t.name().equals(wanted))) {
            throw ApiException.invalid(
                    "tool_choice",
                    "tool_choice names the function '" + wanted + "', which is not among the request's tools ("
                            + String.join(", ", tools.stream().map(Tool::name).toList()) + ").");
        }
        return new ToolSet(tools, Choice.NAMED, Optional.of(wanted));
    }

    private static List<Tool> tools(JsonNode v) {
        if (!v.isArray()) {
            throw ApiException.invalid("tools", "tools must be an array of functions.");
        }
        if (v.size() > MAX_TOOLS) {
            throw ApiException.invalid(
                    "tools", "tools lists " + v.size() + " functions; this server takes at most " + MAX_TOOLS + ".");
        }
        Map<String, Tool> byName = new LinkedHashMap<>();
        for (int i = 0; i < v.size(); i++) {
            Tool t = tool(v.get(i), "tools[" + i + "]");
            if (byName.put(t.name(), t) != null) {
                throw ApiException.invalid(
                        "tools[" + i + "].function.name", "Two tools are named '" + t.name() + "'; names must differ.");
            }
        }
        return new ArrayList<>(byName.values());
    }

    private static Tool tool(JsonNode t, String at) {
        if (!t.isObject() || !"function".equals(t.path("type").asText())) {
            throw ApiException.unsupported(
                    at + ".type",
                    at + " must be {\"type\": \"function\", \"function\": {...}}: only function tools are"
                            + " supported.");
        }
        for (Iterator<String> keys = t.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("type") && !key.equals("function")) {
                throw ApiException.unsupported(at + "." + key, "The tool field '" + key + "' is not supported.");
            }
        }
        JsonNode f = t.path("function");
        String fn = at + ".function";
        if (!f.isObject()) {
            throw ApiException.invalid(fn, fn + " must be an object with a name and parameters.");
        }
        for (Iterator<String> keys = f.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!Set.of("name", "description", "parameters", "strict").contains(key)) {
                throw ApiException.unsupported(fn + "." + key, "The function field '" + key + "' is not supported.");
            }
        }
        String name = f.path("name").asText("");
        if (!f.path("name").isTextual() || !FUNCTION_NAME.matcher(name).matches()) {
            throw ApiException.invalid(
                    fn + ".name",
                    fn + ".name must be 1 to 64 letters, digits, underscores or dashes, got " + f.path("name") + ".");
        }
        if (f.has("strict") && !f.get("strict").isBoolean() && !f.get("strict").isNull()) {
            throw ApiException.invalid(fn + ".strict", fn + ".strict must be true or false.");
        }
        String description =
                f.path("description").isTextual() ? f.get("description").asText() : "";
        JsonNode parameters = f.get("parameters");
        if (parameters == null || parameters.isNull()) {
            // OpenAI's reading of a function without parameters: it takes none.
            ObjectNode none = JSON.createObjectNode().put("type", "object");
            none.putObject("properties");
            parameters = none.put("additionalProperties", false);
        }
        return new Tool(name, description, schema(parameters, fn + ".parameters"));
    }

    /** A schema from a request, checked against what the decoder enforces; what it cannot is a 400 naming it. */
    static JsonSchema schema(JsonNode document, String param) {
        try {
            return JsonSchema.of(document);
        } catch (InvalidInputException e) {
            throw ApiException.unsupported(param, param + ": " + e.getMessage());
        }
    }
}
