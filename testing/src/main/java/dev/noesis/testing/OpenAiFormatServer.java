package dev.noesis.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.Completion;
import dev.noesis.core.model.FinishReason;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.Message;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.StructuredResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible chat-completions endpoint on loopback that answers with a real model
 * (the tiny Jlama model in the tests), streaming by server-sent events like Ollama or vLLM.
 * It stands in for Noesis's own REST API until that exists. The model is served under the name
 * {@code tiny}; when a key is required, requests without it get HTTP 401.
 */
public final class OpenAiFormatServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LanguageModel model;
    private final String requiredKey;
    private final HttpServer http;
    /** Every request body received, in order. */
    public final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    /** Delay before answering, to test timeouts. */
    public volatile long delayMs;
    /** Whether a streamed answer ends with a usage report when the client asks for one. */
    public volatile boolean sendUsage = true;
    /** How the server treats a response_format with a JSON schema. */
    public volatile SchemaSupport schemaSupport = SchemaSupport.ENFORCE;

    /** Servers differ: some enforce the schema (guided decoding), some ignore it. */
    public enum SchemaSupport {
        /** Decode under the schema (the model's structured output). */
        ENFORCE,
        /** Answer as if no schema had been asked for. */
        IGNORE,
        /** Ignore it on the first request, enforce it afterwards: a reply that needs one repair. */
        IGNORE_FIRST
    }

    public OpenAiFormatServer(LanguageModel model, String requiredKey) throws IOException {
        this.model = model;
        this.requiredKey = requiredKey;
        this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newCachedThreadPool());
        http.createContext("/v1/chat/completions", this::complete);
        http.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/v1";
    }

    private void complete(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                answer(ex);
            } catch (InvalidInputException e) {
                // What real servers do with a prompt they refuse (too long for the context): HTTP 400, said in words.
                if (ex.getResponseCode() == -1) {
                    ObjectNode error = JSON.createObjectNode();
                    error.putObject("error").put("message", e.getMessage()).put("type", "invalid_request_error");
                    send(ex, 400, error.toString());
                }
            }
        }
    }

    private void answer(HttpExchange ex) throws IOException {
        if (requiredKey != null
                && !("Bearer " + requiredKey).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(
                    ex,
                    401,
                    "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}");
            return;
        }
        JsonNode req = JSON.readTree(ex.getRequestBody());
        requests.add(req);
        if (!"tiny".equals(req.path("model").asText())) {
            send(ex, 404, "{\"error\":{\"message\":\"model not found\"}}");
            return;
        }
        sleep(delayMs);
        Prompt prompt = prompt(req.path("messages"));
        GenerationParams params = params(req);
        JsonNode schema = req.path("response_format").path("json_schema").path("schema");
        boolean enforce = !schema.isMissingNode()
                && (schemaSupport == SchemaSupport.ENFORCE
                        || (schemaSupport == SchemaSupport.IGNORE_FIRST && requests.size() > 1));
        if (enforce) {
            StructuredResult r = model.generateJson(prompt, dev.noesis.core.structured.JsonSchema.of(schema), params);
            Completion c = r.completion();
            replyWith(ex, req, c);
            return;
        }
        if (req.path("stream").asBoolean(false)) {
            stream(ex, req, prompt, params);
        } else {
            Completion c = model.generate(prompt, params);
            ObjectNode body = JSON.createObjectNode()
                    .put("id", "c-1")
                    .put("object", "chat.completion")
                    .put("model", "tiny");
            ObjectNode choice =
                    body.putArray("choices").addObject().put("index", 0).put("finish_reason", reason(c));
            choice.putObject("message").put("role", "assistant").put("content", c.text());
            usage(body, c);
            send(ex, 200, JSON.writeValueAsString(body));
        }
    }

    /** Sends an already generated completion, as one stream event or one JSON body. */
    private void replyWith(HttpExchange ex, JsonNode req, Completion c) throws IOException {
        if (!req.path("stream").asBoolean(false)) {
            ObjectNode body = JSON.createObjectNode()
                    .put("id", "c-1")
                    .put("object", "chat.completion")
                    .put("model", "tiny");
            ObjectNode choice =
                    body.putArray("choices").addObject().put("index", 0).put("finish_reason", reason(c));
            choice.putObject("message").put("role", "assistant").put("content", c.text());
            usage(body, c);
            send(ex, 200, JSON.writeValueAsString(body));
            return;
        }
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        ObjectNode chunk = chunk();
        chunk.withArray("choices")
                .addObject()
                .put("index", 0)
                .putNull("finish_reason")
                .putObject("delta")
                .put("content", c.text());
        event(out, chunk.toString());
        finish(out, req, c);
    }

    /** Streams as the model generates; the headers go out with the first text, so that a refusal can still be a 400. */
    private void stream(HttpExchange ex, JsonNode req, Prompt prompt, GenerationParams params) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        Completion c = model.generate(prompt, params, piece -> {
            ObjectNode chunk = chunk();
            chunk.withArray("choices")
                    .addObject()
                    .put("index", 0)
                    .putNull("finish_reason")
                    .putObject("delta")
                    .put("content", piece);
            event(startStream(ex), chunk.toString());
        });
        finish(startStream(ex), req, c);
    }

    private static OutputStream startStream(HttpExchange ex) {
        try {
            if (ex.getResponseCode() == -1) {
                ex.sendResponseHeaders(200, 0);
            }
            return ex.getResponseBody();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void finish(OutputStream out, JsonNode req, Completion c) {
        ObjectNode last = chunk();
        last.withArray("choices")
                .addObject()
                .put("index", 0)
                .put("finish_reason", reason(c))
                .putObject("delta");
        event(out, last.toString());
        if (sendUsage && req.path("stream_options").path("include_usage").asBoolean(false)) {
            ObjectNode usage = chunk();
            usage.putArray("choices");
            usage(usage, c);
            event(out, usage.toString());
        }
        event(out, "[DONE]");
    }

    private static ObjectNode chunk() {
        return JSON.createObjectNode()
                .put("id", "c-1")
                .put("object", "chat.completion.chunk")
                .put("model", "tiny");
    }

    private static void usage(ObjectNode body, Completion c) {
        body.putObject("usage")
                .put("prompt_tokens", c.promptTokens())
                .put("completion_tokens", c.completionTokens())
                .put("total_tokens", c.totalTokens());
    }

    private static String reason(Completion c) {
        return c.finishReason() == FinishReason.MAX_TOKENS ? "length" : "stop";
    }

    private static void event(OutputStream out, String data) {
        try {
            out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Prompt prompt(JsonNode messages) {
        String system = "";
        List<Message> turns = new ArrayList<>();
        for (JsonNode m : messages) {
            String content = m.path("content").asText();
            switch (m.path("role").asText()) {
                case "system" -> system = content;
                case "assistant" -> turns.add(Message.assistant(content));
                default -> turns.add(Message.user(content));
            }
        }
        return new Prompt(system, turns, null);
    }

    private static GenerationParams params(JsonNode req) {
        GenerationParams p = GenerationParams.DEFAULTS;
        JsonNode max = req.has("max_completion_tokens") ? req.get("max_completion_tokens") : req.get("max_tokens");
        if (max != null) {
            p = p.withMaxNewTokens(max.asInt());
        }
        if (req.has("temperature")) {
            p = p.withTemperature(req.get("temperature").asDouble());
        }
        if (req.has("top_p")) {
            p = p.withTopP(req.get("top_p").asDouble());
        }
        if (req.has("seed")) {
            p = p.withSeed(req.get("seed").asLong());
        }
        JsonNode stop = req.get("stop");
        if (stop != null && stop.isArray()) {
            List<String> stops = new ArrayList<>();
            ((ArrayNode) stop).forEach(s -> stops.add(s.asText()));
            p = p.withStopSequences(stops);
        } else if (stop != null && stop.isTextual()) {
            p = p.withStopSequences(List.of(stop.asText()));
        }
        return p;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
