package dev.noesis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * With {@code noesis.server.otlp-endpoint} set, a chat request's run reaches the collector over
 * OTLP/HTTP (protobuf), through the real exporter: the run's span under its id, with the GenAI
 * attributes, and none of the request's text.
 */
@QuarkusTest
@QuarkusTestResource(OtlpHome.class)
class OtlpExportTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aRunIsSentToTheCollectorAsSpans() throws Exception {
        String question = "what colour is the secret-" + System.nanoTime() + " sky";
        HttpResponse<String> chat = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "v1/chat/completions"))
                                .header("Authorization", "Bearer " + NoesisHome.KEY)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"raw\", \"max_tokens\": 4,"
                                        + " \"messages\": [{\"role\": \"user\", \"content\": \"" + question
                                        + "\"}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        String runId = new ObjectMapper()
                .readTree(chat.body())
                .path("noesis")
                .path("run_id")
                .asText();
        assertThat(runId).isNotBlank();

        // Spans go out in batches, a few seconds apart.
        Optional<OtlpHome.Received> sent = Optional.empty();
        for (int i = 0; i < 300 && sent.isEmpty(); i++) {
            sent = OtlpHome.RECEIVED.stream()
                    .filter(r -> text(r).contains(runId))
                    .findFirst();
            if (sent.isEmpty()) {
                Thread.sleep(100);
            }
        }
        assertThat(sent).as("a request to the collector naming run %s", runId).isPresent();
        assertThat(sent.get().contentType()).isEqualTo("application/x-protobuf");
        // Protobuf carries strings as they are: the names and values are readable in the body.
        String body = text(sent.get());
        assertThat(body)
                .contains("invoke_agent raw", "gen_ai.operation.name", "chat", "gen_ai.usage.output_tokens")
                .contains("noesis", "generator")
                .doesNotContain(question);
    }

    private static String text(OtlpHome.Received r) {
        return new String(r.body(), StandardCharsets.ISO_8859_1);
    }
}
