package dev.noesis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.orchestrator.pipeline.Pipelines;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /api/pipelines} (list, show, validate) and {@code /api/health}. */
@QuarkusTest
@QuarkusTestResource(NoesisHome.class)
class PipelinesApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        request.header("Authorization", "Bearer " + NoesisHome.KEY)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)));
    }

    private JsonNode validate(String yaml) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "api/pipelines/validate?file=mine.yaml"))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void theCatalogListsTheBuiltInPipelinesAndTheUsersWithTheirModules() throws Exception {
        HttpResponse<String> r = get("api/pipelines");
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        JsonNode user = null;
        for (JsonNode p : JSON.readTree(r.body()).path("data")) {
            names.add(p.path("name").asText());
            if (p.path("name").asText().equals(NoesisHome.USER_PIPELINE)) {
                user = p;
            }
        }
        assertThat(names).containsAll(Pipelines.BUILT_IN).contains(NoesisHome.USER_PIPELINE);
        assertThat(user.path("built_in").asBoolean()).isFalse();
        assertThat(user.path("runnable").asBoolean()).isTrue();
        assertThat(user.path("modules").toString()).contains("generator", "retriever");
    }

    @Test
    void onePipelineIsShownWithItsYamlAndANameThatIsAPathIsNotFound() throws Exception {
        HttpResponse<String> r = get("api/pipelines/plan-solve");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.path("name").asText()).isEqualTo("plan-solve");
        assertThat(p.path("yaml").asText()).contains("steps:", "planner");
        assertThat(p.path("modules").toString()).contains("planner", "generator");

        assertThat(get("api/pipelines/no-such").statusCode()).isEqualTo(404);
        HttpResponse<String> path = get("api/pipelines/..%2F..%2Fetc%2Fpasswd");
        assertThat(path.statusCode()).isEqualTo(404);
        assertThat(path.body()).doesNotContain("root:");
    }

    @Test
    void aPostedYamlIsCheckedWithItsProblemsAtTheirLines() throws Exception {
        JsonNode good = validate("""
                name: mine
                description: Drafts once.
                steps:
                  - generator: { system: none, task: none }
                """);
        assertThat(good.path("valid").asBoolean()).isTrue();
        assertThat(good.path("modules").toString()).contains("generator");

        JsonNode bad = validate("""
                name: mine
                steps:
                  - generator: {}
                  - no-such-module: {}
                """);
        assertThat(bad.path("valid").asBoolean()).isFalse();
        assertThat(bad.path("problems").get(0).asText())
                .startsWith("mine.yaml:4")
                .contains("no-such-module");
    }

    @Test
    void healthSaysUpWithTheModel() throws Exception {
        HttpResponse<String> r = get("api/health");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode h = JSON.readTree(r.body());
        assertThat(h.path("status").asText()).isEqualTo("UP");
        assertThat(h.path("model").asText()).isEqualTo("noesis-tiny");
        assertThat(HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(base + "api/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("without the key")
                .isEqualTo(401);
    }
}
