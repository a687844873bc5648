package dev.noesis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** What the server refuses before a run, seen on the wire: its status and OpenAI's error body. */
@QuarkusTest
@QuarkusTestResource(NoesisHome.class)
class HttpLimitsTest {

    @TestHTTPResource("/")
    URL base;

    // HTTP/1.1 as most OpenAI clients speak it (the JDK client would otherwise ask to upgrade to HTTP/2).
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> post(String path, String body, String key) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            r.header("Authorization", "Bearer " + key);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode error(HttpResponse<String> r) throws Exception {
        return new ObjectMapper().readTree(r.body()).path("error");
    }

    @Test
    void anOversizeBodyIsRefusedWith413() throws Exception {
        String huge =
                "{\"model\":\"raw\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(2_000_000) + "\"}]}";

        // Sent as clients that send large bodies do, asking first (Expect: 100-continue): the server
        // answers 413 on the headers alone. Without it the server may close the connection while the
        // client is still writing, and the client then sees the reset instead of the 413.
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "v1/chat/completions"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + NoesisHome.KEY)
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(huge))
                .build();

        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(413);
    }

    @Test
    void aRequestWithoutTheKeyIsRefusedWith401() throws Exception {
        HttpResponse<String> r = post("v1/chat/completions", "{}", null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(error(r).path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(r.body()).doesNotContain(NoesisHome.KEY);
    }

    @Test
    void badBodiesAreRefusedWith400AndNameTheirField() throws Exception {
        HttpResponse<String> notJson = post("v1/chat/completions", "{\"model\": ", NoesisHome.KEY);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(error(notJson).path("type").asText()).isEqualTo("invalid_request_error");

        for (String[] field : new String[][] {
            {"\"logprobs\":true", "logprobs"},
            {"\"tools\":[{\"type\":\"custom\",\"custom\":{\"name\":\"f\"}}]", "tools[0].type"},
            {
                "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":"
                        + "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"number\",\"minimum\":0}}}}}]",
                "tools[0].function.parameters"
            },
            {"\"functions\":[{\"name\":\"f\"}]", "functions"},
            {"\"response_format\":{\"type\":\"grammar\"}", "response_format.type"},
            {"\"frobnicate\":1", "frobnicate"}
        }) {
            HttpResponse<String> r = post(
                    "v1/chat/completions",
                    "{\"model\":\"raw\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]," + field[0] + "}",
                    NoesisHome.KEY);
            assertThat(r.statusCode()).as(field[1]).isEqualTo(400);
            assertThat(error(r).path("param").asText()).isEqualTo(field[1]);
            assertThat(error(r).path("code").asText()).isEqualTo("unsupported_parameter");
        }
    }

    @Test
    void aFailureAfterTheStreamBeganIsAnErrorEventThatEndsIt() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "v1/chat/completions"))
                        .header("Authorization", "Bearer " + NoesisHome.KEY)
                        .timeout(java.time.Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + NoesisHome.USER_PIPELINE
                                + "\",\"stream\":true,\"max_tokens\":6,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        java.util.List<String> events = java.util.Arrays.stream(r.body().split("\n\n"))
                .map(String::strip)
                .filter(e -> !e.isEmpty())
                .toList();
        assertThat(events.getFirst()).contains("\"role\":\"assistant\"");
        assertThat(events).anySatisfy(e -> assertThat(e).contains("\"delta\":{\"content\""));
        JsonNode last = new ObjectMapper().readTree(events.getLast().substring("data: ".length()));
        assertThat(last.path("error").path("message").asText()).contains("index");
        assertThat(r.body()).doesNotContain("[DONE]");
    }

    @Test
    void anUnknownRunIsNotFound() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "api/runs/no-such-run"))
                        .header("Authorization", "Bearer " + NoesisHome.KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(error(r).path("code").asText()).isEqualTo("run_not_found");
    }
}
