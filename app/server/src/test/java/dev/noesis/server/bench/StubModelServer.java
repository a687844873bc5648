package dev.noesis.server.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A test-double model: an OpenAI-compatible server on loopback that answers every chat
 * completion at once with one streamed word. A Noesis server pointed at it (through the
 * OpenAI-compatible adapter) spends almost nothing in its model, so what a request costs there is
 * the server's own overhead plus one loopback round trip.
 */
final class StubModelServer implements AutoCloseable {

    private static final byte[] CHAT = ("data: {\"id\":\"stub\",\"object\":\"chat.completion.chunk\",\"created\":0,"
                    + "\"model\":\"stub\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"ok\"},"
                    + "\"finish_reason\":null}]}\n\n"
                    + "data: {\"id\":\"stub\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"stub\","
                    + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}\n\n"
                    + "data: [DONE]\n\n")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] MODELS =
            "{\"object\":\"list\",\"data\":[{\"id\":\"stub\",\"object\":\"model\"}]}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer http;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    StubModelServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        http.setExecutor(threads);
        http.createContext("/", this::answer);
        http.start();
    }

    /** The base URL to configure as {@code noesis.model}. */
    String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/v1";
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            boolean chat = exchange.getRequestURI().getPath().endsWith("/chat/completions");
            byte[] body = chat ? CHAT : MODELS;
            exchange.getResponseHeaders().set("Content-Type", chat ? "text/event-stream" : "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        threads.close();
    }
}
