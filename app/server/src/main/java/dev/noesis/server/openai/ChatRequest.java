package dev.noesis.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noesis.core.model.GenerationOverrides;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Message;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.server.ApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A chat completion request as Noesis runs it, read from OpenAI's body. Every field is either
 * honoured or refused (400, {@code unsupported_parameter}, naming it): none is silently ignored.
 *
 * <p>Messages: the last one is the question (it must be the user's); the user and assistant
 * messages before it are the run's history. System (and {@code developer}) messages are put, in
 * order, at the head of the first user message: the run has no system text of its own to carry
 * them, and a pipeline's modules bring their own system text.
 *
 * @param model        the requested model (a pipeline name, {@code PIPELINE@MODEL} or the base model's id)
 * @param question     the last user message
 * @param history      the turns before it
 * @param overrides    temperature, top_p, seed, max tokens and stop sequences the request sets
 * @param stream       whether to answer by server-sent events
 * @param includeUsage whether a stream ends with a usage chunk
 * @param user         the caller's end-user id, recorded in the run's log line; empty when not given
 * @param shape        the JSON schema the reply is generated under ({@code response_format}, {@code tools});
 *                     empty for free text
 */
public record ChatRequest(
        String model,
        String question,
        List<Message> history,
        GenerationOverrides overrides,
        boolean stream,
        boolean includeUsage,
        Optional<String> user,
        Optional<ReplyShape> shape) {

    /** Fields read as they are, or refused when they ask for what Noesis does not do (see {@link #parse}). */
    private static final Set<String> NEUTRAL_WHEN_ABSENT = Set.of(
            "functions",
            "function_call",
            "audio",
            "prediction",
            "web_search_options",
            "reasoning_effort",
            "top_logprobs");

    /** Reads and checks a request body; {@code maxTokens} is the server's bound on max_tokens. */
    public static ChatRequest parse(JsonNode body, int maxTokens) {
        if (!(body instanceof ObjectNode fields)) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        String model = null;
        List<Message> turns = new ArrayList<>();
        StringBuilder system = new StringBuilder();
        GenerationOverrides overrides = GenerationOverrides.NONE;
        Integer maxTokensAsked = null;
        String maxTokensField = null;
        boolean stream = false;
        JsonNode streamOptions = null;
        Optional<String> user = Optional.empty();
        Optional<JsonSchema> format = Optional.empty();
        JsonNode tools = null;
        JsonNode toolChoice = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            JsonNode v = f.getValue();
            if (v.isNull()) {
                continue; // an explicit null is the field left out
            }
            switch (name) {
                case "model" -> model = text(name, v);
                case "messages" -> messages(v, turns, system);
                case "temperature" -> overrides = overrides.withTemperature(number(name, v, 0, 2));
                case "top_p" -> {
                    double p = number(name, v, 0, 1);
                    if (p == 0) {
                        throw ApiException.invalid(name, "top_p must be greater than 0 and at most 1, got 0.");
                    }
                    overrides = overrides.withTopP(p);
                }
                case "seed" -> {
                    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                        throw ApiException.invalid(name, "seed must be an integer, got " + v + ".");
                    }
                    overrides = overrides.withSeed(v.asLong());
                }
                case "max_tokens", "max_completion_tokens" -> {
                    int n = integer(name, v, 1, maxTokens);
                    if (maxTokensAsked != null && maxTokensAsked != n) {
                        throw ApiException.invalid(
                                name,
                                maxTokensField + " and " + name + " differ (" + maxTokensAsked + ", " + n
                                        + "); give one of them.");
                    }
                    maxTokensAsked = n;
                    maxTokensField = name;
                }
                case "stop" -> overrides = overrides.withStopSequences(stops(v));
                case "n" -> {
                    if (!v.isIntegralNumber() || v.asLong() != 1) {
                        throw ApiException.unsupported(
                                name,
                                "n = " + v + " is not supported: a request gets one choice (n = 1). For several"
                                        + " candidates, run a pipeline that makes them (self-consistency) or send"
                                        + " the request again with other seeds.");
                    }
                }
                case "stream" -> {
                    if (!v.isBoolean()) {
                        throw ApiException.invalid(name, "stream must be true or false, got " + v + ".");
                    }
                    stream = v.asBoolean();
                }
                case "stream_options" -> streamOptions = v;
                case "user" -> user = Optional.of(text(name, v));
                case "logprobs" -> refuseUnless(name, v, v.isBoolean() && !v.asBoolean(), "log probabilities");
                case "response_format" -> format = ResponseFormat.parse(v);
                case "tools" -> tools = v;
                case "tool_choice" -> toolChoice = v;
                case "frequency_penalty", "presence_penalty" ->
                    refuseUnless(name, v, v.isNumber() && v.asDouble() == 0, "repetition penalties");
                case "logit_bias" -> refuseUnless(name, v, v.isObject() && v.isEmpty(), "logit biases");
                case "store" -> refuseUnless(name, v, v.isBoolean() && !v.asBoolean(), "storing completions");
                case "metadata" -> {
                    // Only read by OpenAI when a completion is stored, which Noesis never does (store is refused).
                    if (!v.isObject()) {
                        throw ApiException.invalid(name, "metadata must be an object.");
                    }
                }
                case "service_tier" ->
                    refuseUnless(name, v, Set.of("auto", "default").contains(v.asText()), "service tiers");
                case "modalities" ->
                    refuseUnless(
                            name,
                            v,
                            v.isArray()
                                    && v.size() == 1
                                    && "text".equals(v.get(0).asText()),
                            "modalities other" + " than text");
                case "parallel_tool_calls" -> {
                    // A reply holds at most one call, which is what both values allow: true permits several, not
                    // requires them.
                    if (!v.isBoolean()) {
                        throw ApiException.invalid(name, "parallel_tool_calls must be true or false.");
                    }
                }
                default -> {
                    if (NEUTRAL_WHEN_ABSENT.contains(name)) {
                        boolean neutral = v.isArray() && v.isEmpty();
                        refuseUnless(name, v, neutral, "'" + name + "'");
                    } else {
                        throw ApiException.unsupported(
                                name, "The field '" + name + "' is not supported by this server.");
                    }
                }
            }
        }
        if (model == null || model.isBlank()) {
            throw ApiException.invalid("model", "model is required: a pipeline's name (see GET /v1/models).");
        }
        if (turns.isEmpty()) {
            throw ApiException.invalid("messages", "messages is required and needs at least one user message.");
        }
        boolean includeUsage = false;
        if (streamOptions != null) {
            if (!stream) {
                throw ApiException.invalid("stream_options", "stream_options is only allowed with stream: true.");
            }
            includeUsage = streamOptions(streamOptions);
        }
        if (maxTokensAsked != null) {
            overrides = overrides.withMaxNewTokens(maxTokensAsked);
        }
        Message last = turns.removeLast();
        if (last.role() != dev.noesis.core.model.Role.USER) {
            throw ApiException.unsupported(
                    "messages",
                    "The last message must be the user's or a tool's result: a pipeline answers it (continuing an"
                            + " assistant message is not supported).");
        }
        String question = last.content();
        if (!system.isEmpty()) {
            int firstUser = -1;
            for (int i = 0; i < turns.size() && firstUser < 0; i++) {
                if (turns.get(i).role() == dev.noesis.core.model.Role.USER) {
                    firstUser = i;
                }
            }
            if (firstUser < 0) {
                question = system + "\n\n" + question;
            } else {
                turns.set(
                        firstUser,
                        Message.user(system + "\n\n" + turns.get(firstUser).content()));
            }
        }
        ToolSet toolSet = ToolSet.parse(tools, toolChoice);
        return new ChatRequest(
                model, question, turns, overrides, stream, includeUsage, user, ReplyShape.of(format, toolSet));
    }

    private static void messages(JsonNode v, List<Message> turns, StringBuilder system) {
        if (!v.isArray()) {
            throw ApiException.invalid("messages", "messages must be an array of messages.");
        }
        Map<String, String> calls = new HashMap<>(); // tool call id -> function name, from the assistant's calls
        boolean afterTool = false;
        for (int i = 0; i < v.size(); i++) {
            String at = "messages[" + i + "]";
            JsonNode m = v.get(i);
            if (!m.isObject()) {
                throw ApiException.invalid(at, at + " must be an object with a role and a content.");
            }
            String role = m.path("role").asText("");
            Set<String> allowed = switch (role) {
                case "assistant" -> Set.of("role", "content", "tool_calls", "refusal");
                case "tool" -> Set.of("role", "content", "tool_call_id");
                default -> Set.of("role", "content");
            };
            for (Iterator<String> keys = m.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!allowed.contains(key) && !m.get(key).isNull()) {
                    throw ApiException.unsupported(
                            at + "." + key, "The message field '" + key + "' (" + at + ") is not supported.");
                }
            }
            boolean hasCalls = role.equals("assistant")
                    && m.path("tool_calls").isArray()
                    && !m.get("tool_calls").isEmpty();
            String content =
                    hasCalls && (m.get("content") == null || m.get("content").isNull())
                            ? ""
                            : content(at, m.get("content"));
            switch (role) {
                case "system", "developer" ->
                    system.append(system.isEmpty() ? "" : "\n\n").append(content);
                case "user" -> {
                    if (afterTool) {
                        // A question after tool results: one user turn, so that turns still alternate.
                        turns.add(Message.user(turns.removeLast().content() + "\n\n" + content));
                    } else {
                        turns.add(Message.user(content));
                    }
                }
                case "assistant" ->
                    turns.add(
                            Message.assistant(hasCalls ? withCalls(at, content, m.get("tool_calls"), calls) : content));
                case "tool" -> {
                    String id = m.path("tool_call_id").asText("");
                    String function = calls.get(id);
                    if (function == null) {
                        throw ApiException.invalid(
                                at + ".tool_call_id",
                                at + " answers the tool call '" + id + "', which no earlier assistant message made.");
                    }
                    String result = "Result of the tool " + function + " (call " + id + "):\n" + content;
                    if (afterTool) {
                        turns.add(Message.user(turns.removeLast().content() + "\n\n" + result));
                    } else {
                        turns.add(Message.user(result));
                    }
                }
                case "function" ->
                    throw ApiException.unsupported(
                            at + ".role",
                            "Function messages (the deprecated functions API) are not supported; use" + " tools (" + at
                                    + ").");
                default ->
                    throw ApiException.invalid(
                            at + ".role",
                            at + ".role must be system, developer, user, assistant or tool, got '" + role + "'.");
            }
            afterTool = role.equals("tool") || (afterTool && role.equals("user"));
        }
    }

    /** An assistant message with tool calls, as the model would have written them (see {@link ReplyShape}). */
    private static String withCalls(String at, String content, JsonNode toolCalls, Map<String, String> calls) {
        StringBuilder text = new StringBuilder(content);
        for (int j = 0; j < toolCalls.size(); j++) {
            JsonNode c = toolCalls.get(j);
            String where = at + ".tool_calls[" + j + "]";
            JsonNode f = c.path("function");
            if (!c.path("id").isTextual()
                    || !f.path("name").isTextual()
                    || !f.path("arguments").isTextual()) {
                throw ApiException.invalid(
                        where, where + " must have an id and a function with a name and arguments (a JSON string).");
            }
            calls.put(c.get("id").asText(), f.get("name").asText());
            text.append(text.isEmpty() ? "" : "\n")
                    .append(ReplyShape.asHistory(
                            f.get("name").asText(), f.get("arguments").asText()));
        }
        return text.toString();
    }

    /** A message's text: a string, or an array of text parts joined. */
    private static String content(String at, JsonNode c) {
        if (c == null || c.isNull()) {
            throw ApiException.invalid(at + ".content", at + " has no content.");
        }
        if (c.isTextual()) {
            return c.asText();
        }
        if (!c.isArray()) {
            throw ApiException.invalid(at + ".content", at + ".content must be a string or an array of text parts.");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : c) {
            if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                throw ApiException.unsupported(
                        at + ".content",
                        "Only text parts are supported in " + at + ".content (no images, audio or" + " files).");
            }
            text.append(part.get("text").asText());
        }
        return text.toString();
    }

    private static boolean streamOptions(JsonNode o) {
        if (!o.isObject()) {
            throw ApiException.invalid("stream_options", "stream_options must be an object.");
        }
        boolean include = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("include_usage") && f.getValue().isBoolean()) {
                include = f.getValue().asBoolean();
            } else if (!f.getValue().isNull()
                    && !(f.getValue().isBoolean() && !f.getValue().asBoolean())) {
                throw ApiException.unsupported(
                        "stream_options." + f.getKey(),
                        "stream_options." + f.getKey() + " is not supported; include_usage is.");
            }
        }
        return include;
    }

    private static List<String> stops(JsonNode v) {
        List<String> stops = new ArrayList<>();
        if (v.isTextual()) {
            stops.add(v.asText());
        } else if (v.isArray()) {
            for (JsonNode s : v) {
                if (!s.isTextual()) {
                    throw ApiException.invalid("stop", "stop must be a string or an array of strings.");
                }
                stops.add(s.asText());
            }
        } else {
            throw ApiException.invalid("stop", "stop must be a string or an array of strings.");
        }
        if (stops.size() > GenerationParams.MAX_STOP_SEQUENCES || stops.stream().anyMatch(String::isEmpty)) {
            throw ApiException.invalid(
                    "stop", "stop takes at most " + GenerationParams.MAX_STOP_SEQUENCES + " non-empty strings.");
        }
        return stops;
    }

    private static void refuseUnless(String name, JsonNode v, boolean neutral, String what) {
        if (!neutral) {
            throw ApiException.unsupported(
                    name,
                    name + " = " + abbreviate(v) + " is not supported: this server does" + " not do " + what + " yet.");
        }
    }

    private static String text(String name, JsonNode v) {
        if (!v.isTextual()) {
            throw ApiException.invalid(name, name + " must be a string, got " + abbreviate(v) + ".");
        }
        return v.asText();
    }

    private static double number(String name, JsonNode v, double min, double max) {
        if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
            throw ApiException.invalid(
                    name, name + " must be a number from " + min + " to " + max + ", got " + abbreviate(v) + ".");
        }
        return v.asDouble();
    }

    private static int integer(String name, JsonNode v, int min, int max) {
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw ApiException.invalid(
                    name,
                    name + " must be a whole number from " + min + " to " + max + " (this server's limit), got "
                            + abbreviate(v) + ".");
        }
        return v.asInt();
    }

    private static String abbreviate(JsonNode v) {
        String s = v.toString();
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
