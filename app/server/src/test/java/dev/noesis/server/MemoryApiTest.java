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
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code /api/memory/facts} and {@code /api/memory/recall} against the local Neo4j server the wiring starts. */
@QuarkusTest
@QuarkusTestResource(value = MemoryHome.class, restrictToAnnotatedClass = true)
class MemoryApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    private HttpResponse<String> post(String path, String body, Optional<String> key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        key.ifPresent(k -> request.header("Authorization", "Bearer " + k));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return post(path, body, Optional.of(NoesisHome.KEY));
    }

    @Test
    void writtenFactsAreRecalledWithTheirSource() throws Exception {
        HttpResponse<String> written = post("api/memory/facts", """
                {"facts": [
                  {"s": "Ada Lovelace", "r": "notable work", "o": "Note G", "source": "wiki:lovelace"},
                  {"s": "Ada Lovelace", "r": "collaborator", "o": "Charles Babbage", "confidence": 0.9}
                ]}
                """);
        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
        assertThat(JSON.readTree(written.body()).path("written").asInt()).isEqualTo(2);

        HttpResponse<String> recalled = post("api/memory/recall", "{\"query\": \"Ada Lovelace\", \"limit\": 10}");
        assertThat(recalled.statusCode()).as(recalled.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(recalled.body());
        assertThat(body.path("nodes").size()).isPositive().isLessThanOrEqualTo(10);
        JsonNode noteG = null;
        for (JsonNode s : body.path("statements")) {
            if (s.path("object").asText().equals("Note G")) {
                noteG = s;
            }
        }
        assertThat(noteG).as(recalled.body()).isNotNull();
        assertThat(noteG.path("subject").asText()).isEqualTo("Ada Lovelace");
        assertThat(noteG.path("source").asText()).isEqualTo("wiki:lovelace");
        assertThat(noteG.path("score").isNumber()).isTrue();
        assertThat(body.path("rendering").asText()).contains("Charles Babbage");
    }

    @Test
    void oneBadTripleRefusesTheWholeBatchNamingItsIndex() throws Exception {
        HttpResponse<String> r = post("api/memory/facts", """
                {"facts": [
                  {"s": "Grace Hopper", "r": "employer", "o": "Remington Rand"},
                  {"s": "Grace Hopper", "r": "rank"}
                ]}
                """);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(r.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").asText()).isEqualTo("facts[1]");
        // The importer's own words for the fault.
        assertThat(error.path("message").asText()).contains("\"o\" must be a non-empty string");

        JsonNode recalled = JSON.readTree(
                post("api/memory/recall", "{\"query\": \"Remington Rand\"}").body());
        assertThat(recalled.path("rendering").asText())
                .as("nothing of the batch was written")
                .doesNotContain("employer");

        HttpResponse<String> badConfidence = post(
                "api/memory/facts", "{\"facts\": [{\"s\": \"a\", \"r\": \"b\", \"o\": \"c\", \"confidence\": 7}]}");
        assertThat(badConfidence.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badConfidence.body())
                        .path("error")
                        .path("param")
                        .asText())
                .isEqualTo("facts[0]");
    }

    @Test
    void boundsAndMissingFieldsAre400() throws Exception {
        assertThat(post("api/memory/facts", "{\"facts\": []}").statusCode()).isEqualTo(400);
        StringBuilder many = new StringBuilder("{\"facts\": [");
        for (int i = 0; i <= MemoryResource.MAX_FACTS; i++) {
            many.append(i == 0 ? "" : ",").append("{\"s\": \"x").append(i).append("\", \"r\": \"y\", \"o\": \"z\"}");
        }
        HttpResponse<String> tooMany =
                post("api/memory/facts", many.append("]}").toString());
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tooMany.body()).path("error").path("param").asText())
                .isEqualTo("facts");
        HttpResponse<String> noQuery = post("api/memory/recall", "{\"limit\": 3}");
        assertThat(JSON.readTree(noQuery.body()).path("error").path("param").asText())
                .isEqualTo("query");
        HttpResponse<String> bigLimit = post("api/memory/recall", "{\"query\": \"x\", \"limit\": 100000}");
        assertThat(bigLimit.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bigLimit.body()).path("error").path("param").asText())
                .isEqualTo("limit");
    }

    @Test
    void withoutTheKeyIs401() throws Exception {
        assertThat(post("api/memory/recall", "{\"query\": \"Ada\"}", Optional.empty())
                        .statusCode())
                .isEqualTo(401);
        assertThat(post(
                                "api/memory/facts",
                                "{\"facts\": [{\"s\": \"a\", \"r\": \"b\", \"o\": \"c\"}]}",
                                Optional.of("wrong"))
                        .statusCode())
                .isEqualTo(401);
    }
}
