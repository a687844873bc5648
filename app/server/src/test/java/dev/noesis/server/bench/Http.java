package dev.noesis.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The bench's client: one JDK HTTP client (HTTP/1.1, pooled connections) for all its threads. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A whole reply: status, body, and the client's wall time. */
    record Reply(int status, String body, double ms) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }
    }

    /** A streamed reply: status, its {@code data:} payloads, when the first content came and when it ended. */
    record Stream(int status, List<String> events, double firstContentMs, double ms) {}

    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;

    Http(URI base) {
        this.base = base;
    }

    HttpClient client() {
        return client;
    }

    Reply get(String path) throws IOException, InterruptedException {
        long t = System.nanoTime();
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), (System.nanoTime() - t) / 1e6);
    }

    Reply post(String path, String body) throws IOException, InterruptedException {
        long t = System.nanoTime();
        HttpResponse<String> r = client.send(request(path, body), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), (System.nanoTime() - t) / 1e6);
    }

    Stream stream(String path, String body) throws IOException, InterruptedException {
        long t = System.nanoTime();
        HttpResponse<InputStream> r = client.send(request(path, body), HttpResponse.BodyHandlers.ofInputStream());
        List<String> events = new ArrayList<>();
        double first = -1;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("data: ")) {
                    String data = line.substring(6);
                    if (first < 0 && data.contains("\"content\":\"")) {
                        first = (System.nanoTime() - t) / 1e6;
                    }
                    events.add(data);
                }
            }
        }
        return new Stream(r.statusCode(), events, first, (System.nanoTime() - t) / 1e6);
    }

    private HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
