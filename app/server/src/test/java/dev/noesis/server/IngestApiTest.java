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
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /api/ingest} confined to its root, then a real ingest found by {@code /api/retrieval/search}. */
@QuarkusTest
@QuarkusTestResource(value = IngestHome.class, restrictToAnnotatedClass = true)
class IngestApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    private HttpResponse<String> send(String path, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + NoesisHome.KEY)
                .header("Content-Type", "application/json");
        r = body == null ? r.GET() : r.POST(HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> ingest(String path) throws Exception {
        return send("api/ingest", JSON.writeValueAsString(java.util.Map.of("paths", List.of(path))));
    }

    private static Path root() {
        return Path.of(System.getProperty(IngestRoots.SETTING));
    }

    @Test
    void aPathOutsideTheRootIs403() throws Exception {
        HttpResponse<String> r = ingest(System.getProperty("ingest-test.outside"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(JSON.readTree(r.body()).path("error").path("message").asText())
                .contains(IngestRoots.SETTING);
    }

    @Test
    void traversalByDotDotAndByALinkIsRefused() throws Exception {
        String outsideName =
                Path.of(System.getProperty("ingest-test.outside")).getFileName().toString();
        assertThat(ingest(root() + "/docs/../../" + outsideName).statusCode()).isEqualTo(403);
        assertThat(ingest(root().resolve("escape").toString()).statusCode()).isEqualTo(403);
        assertThat(ingest(root().resolve("escape/secret.md").toString()).statusCode())
                .isEqualTo(403);
        assertThat(ingest("docs").statusCode()).as("relative").isEqualTo(400);
    }

    @Test
    void anIngestJobReportsProgressAndSearchFindsTheFiles() throws Exception {
        HttpResponse<String> started = ingest(root().resolve("docs").toString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = JSON.readTree(started.body()).path("id").asText();

        JsonNode job = null;
        for (int i = 0; i < 600; i++) {
            job = JSON.readTree(send("api/ingest/" + id, null).body());
            if (!job.path("state").asText().matches("queued|running")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("files_done").asInt()).isEqualTo(2);
        assertThat(job.path("files_total").asInt()).isEqualTo(2);

        HttpResponse<String> hits = send("api/retrieval/search", "{\"query\": \"glaciers carve valleys\", \"k\": 1}");
        assertThat(hits.statusCode()).as(hits.body()).isEqualTo(200);
        assertThat(JSON.readTree(hits.body()).path("data").get(0).path("source").asText())
                .endsWith("glaciers.md");
        assertThat(send("api/ingest/ingest-nope", null).statusCode()).isEqualTo(404);
    }
}
