package dev.noesis.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * 500 mixed requests from 16 concurrent clients against a server on the tiny model: streamed,
 * whole, {@code json_schema}, {@code json_object}, tool calls, and the errors a client can cause
 * (an unknown model, a body that is not JSON, a parameter the server refuses). Every reply is
 * checked against what its request must get; resident memory is read after a warm-up of 100 such
 * requests, while the soak runs, and at its end.
 */
final class Soak {

    /** Starts a server on the tiny model (or {@code model}). */
    interface Starter {
        ServerProcess start(Optional<String> model) throws Exception;
    }

    private static final int CLIENTS = 16;
    private static final int WARM_UP = 100;
    private static final int REQUESTS = 500;
    private static final String USER = "\"messages\":[{\"role\":\"user\",\"content\":\"Is the sky blue? Say why.\"}]";
    private static final String TIME_TOOL = "{\"type\":\"function\",\"function\":{\"name\":\"get_time\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"zone\":{\"type\":\"string\",\"maxLength\":8}},"
            + "\"required\":[\"zone\"]}}}";

    /** A kind of request: its body, whether it streams, and what its reply must be. */
    private enum Kind {
        STREAMED("{\"model\":\"raw\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"max_tokens\":24,"
                + USER + "}"),
        WHOLE("{\"model\":\"raw\",\"max_tokens\":24," + USER + "}"),
        JSON_SCHEMA("{\"model\":\"raw\",\"max_tokens\":48,\"response_format\":{\"type\":\"json_schema\","
                + "\"json_schema\":{\"name\":\"verdict\",\"strict\":true,\"schema\":{\"type\":\"object\","
                + "\"properties\":{\"blue\":{\"type\":\"boolean\"}},\"required\":[\"blue\"],"
                + "\"additionalProperties\":false}}}," + USER + "}"),
        JSON_OBJECT(
                "{\"model\":\"raw\",\"max_tokens\":48,\"response_format\":{\"type\":\"json_object\"}," + USER + "}"),
        // Room for the call: the tiny model's random weights spend many tokens on the whitespace JSON allows.
        TOOLS("{\"model\":\"raw\",\"max_tokens\":300,\"tools\":[" + TIME_TOOL + "],\"tool_choice\":\"required\"," + USER
                + "}"),
        UNKNOWN_MODEL("{\"model\":\"no-such-pipeline\"," + USER + "}"),
        BAD_BODY("{\"model\":\"raw\",\"messages\":[{\"role\":"),
        REFUSED_PARAMETER("{\"model\":\"raw\",\"n\":2," + USER + "}");

        final String body;

        Kind(String body) {
            this.body = body;
        }
    }

    // Streamed and whole replies are the common case; each other kind comes once in ten.
    private static final List<Kind> MIX = List.of(
            Kind.STREAMED,
            Kind.STREAMED,
            Kind.WHOLE,
            Kind.WHOLE,
            Kind.JSON_SCHEMA,
            Kind.JSON_OBJECT,
            Kind.TOOLS,
            Kind.UNKNOWN_MODEL,
            Kind.BAD_BODY,
            Kind.REFUSED_PARAMETER);

    private final Starter starter;
    private final Map<Kind, LongAdder> counts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();

    Soak(Starter starter) {
        this.starter = starter;
    }

    /** Runs the soak; whether every reply was what its request expects. */
    boolean run() throws Exception {
        try (ServerProcess server = starter.start(Optional.empty())) {
            Http http = new Http(server.base());
            double ready = server.awaitReady(http.client(), Duration.ofMinutes(3));
            System.out.printf(Locale.ROOT, "Server ready in %.0f ms; RSS %.0f MiB%n", ready, server.residentMiB());
            Load.run(CLIENTS, WARM_UP, i -> send(http, MIX.get(i % MIX.size())));
            double afterWarmUp = server.residentMiB();
            double liveAfterWarmUp = server.liveHeapMiB();
            counts.clear();
            int wrongInWarmUp = wrong.size();

            AtomicInteger samples = new AtomicInteger();
            double[] peak = {afterWarmUp};
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak[0] = Math.max(peak[0], server.residentMiB());
                    samples.incrementAndGet();
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            // Each client takes the next of the mixture, so all kinds run side by side throughout.
            Load.Result soak = Load.run(CLIENTS, REQUESTS, i -> send(http, MIX.get(i % MIX.size())));
            sampler.interrupt();
            sampler.join();
            double atEnd = server.residentMiB();
            double liveAtEnd = server.liveHeapMiB();
            Http.Reply health = http.get("api/health");

            System.out.printf(
                    Locale.ROOT,
                    "Soak: %d requests from %d clients in %.1f s (after a warm-up of %d)%n",
                    REQUESTS,
                    CLIENTS,
                    soak.elapsedMs() / 1000,
                    WARM_UP);
            System.out.println("  by kind: " + new TreeMap<>(counts));
            System.out.println(
                    Percentiles.of("  wall per request (all kinds; includes the wait in the queue)", soak.ms()));
            System.out.printf(
                    Locale.ROOT,
                    "  resident memory of the server: after warm-up %.0f MiB, peak while soaking %.0f MiB (%d samples),"
                            + " at the end %.0f MiB (%+.0f MiB)%n",
                    afterWarmUp,
                    peak[0],
                    samples.get(),
                    atEnd,
                    atEnd - afterWarmUp);
            System.out.printf(
                    Locale.ROOT,
                    "  live heap after a full GC: after warm-up %.1f MiB, at the end %.1f MiB (%+.1f MiB)%n",
                    liveAfterWarmUp,
                    liveAtEnd,
                    liveAtEnd - liveAfterWarmUp);
            System.out.println("  after the soak, /api/health: " + health.status() + " " + health.body());
            if (!health.body().contains("\"runs_admitted\":0")) {
                wrong.add("runs still admitted after the soak: " + health.body());
            }
            if (!wrong.isEmpty()) {
                System.out.println("  UNEXPECTED replies: " + wrong.size() + " (" + wrongInWarmUp + " in the warm-up)");
                wrong.stream().limit(10).forEach(w -> System.out.println("    " + w));
                return false;
            }
            System.out.println("  every reply was the one its request expects");
            return true;
        }
    }

    private double send(Http http, Kind kind) throws Exception {
        counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
        if (kind == Kind.STREAMED) {
            Http.Stream s = http.stream("v1/chat/completions", kind.body);
            List<String> events = s.events();
            boolean done = !events.isEmpty() && events.getLast().equals("[DONE]");
            boolean error = events.stream().anyMatch(e -> e.startsWith("{\"error\""));
            boolean usage = events.size() >= 2
                    && events.get(events.size() - 2).contains("\"usage\"")
                    && events.get(events.size() - 2).contains("\"choices\":[]");
            if (s.status() != 200 || !done || error || !usage) {
                wrong.add(kind + ": status " + s.status() + ", events " + events);
            }
            return s.ms();
        }
        Http.Reply r = http.post("v1/chat/completions", kind.body);
        String problem = check(kind, r);
        if (problem != null) {
            wrong.add(kind + ": " + problem + " (" + r.status() + " " + r.body() + ")");
        }
        return r.ms();
    }

    /** What is wrong with a reply to a request of {@code kind}, or null. */
    private static String check(Kind kind, Http.Reply r) {
        switch (kind) {
            case UNKNOWN_MODEL -> {
                return r.status() == 404 && code(r).equals("model_not_found") ? null : "expected 404 model_not_found";
            }
            case BAD_BODY -> {
                return r.status() == 400 && r.body().contains("not valid JSON") ? null : "expected 400, not JSON";
            }
            case REFUSED_PARAMETER -> {
                return r.status() == 400 && code(r).equals("unsupported_parameter")
                        ? null
                        : "expected 400 unsupported_parameter";
            }
            default -> {}
        }
        if (r.status() != 200) {
            return "expected 200";
        }
        JsonNode choice = r.json().path("choices").path(0);
        String finish = choice.path("finish_reason").asText();
        JsonNode message = choice.path("message");
        return switch (kind) {
            case WHOLE -> message.path("content").isTextual() ? null : "no content";
            case JSON_SCHEMA ->
                parsesTo(message.path("content").asText()).path("blue").isBoolean()
                        ? null
                        : "content not of the schema";
            // A reply cut at max_tokens is the model's doing, not an error; one that ended must be an object.
            case JSON_OBJECT ->
                !finish.equals("stop")
                                || parsesTo(message.path("content").asText()).isObject()
                        ? null
                        : "content is not a JSON object";
            case TOOLS ->
                finish.equals("tool_calls")
                                && parsesTo(message.path("tool_calls")
                                                .path(0)
                                                .path("function")
                                                .path("arguments")
                                                .asText())
                                        .path("zone")
                                        .isTextual()
                        ? null
                        : "no tool call with its arguments";
            default -> "unchecked kind";
        };
    }

    private static String code(Http.Reply r) {
        return r.json().path("error").path("code").asText();
    }

    private static JsonNode parsesTo(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (Exception e) {
            return Http.JSON.missingNode();
        }
    }
}
