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

/** {@code POST /api/retrieval/search} over a real Lucene index built by the wiring's ingest. */
@QuarkusTest
@QuarkusTestResource(value = IndexedHome.class, restrictToAnnotatedClass = true)
class RetrievalApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    private HttpResponse<String> search(String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "api/retrieval/search"))
                                .header("Authorization", "Bearer " + NoesisHome.KEY)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theBestChunkIsTheDocumentAboutTheQuery() throws Exception {
        HttpResponse<String> r = search("{\"query\": \"why does lava from shield volcanoes flow far\", \"k\": 1}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode data = JSON.readTree(r.body()).path("data");
        assertThat(data).hasSize(1);
        assertThat(data.get(0).path("source").asText()).endsWith("volcanoes.md");
        assertThat(data.get(0).path("text").asText()).contains("Basaltic");
    }

    @Test
    void wordsOnlySearchFindsTheOtherDocument() throws Exception {
        HttpResponse<String> r = search("{\"query\": \"sourdough starter\", \"k\": 2, \"mode\": \"bm25\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("mode").asText()).isEqualTo("bm25");
        assertThat(body.path("data").get(0).path("source").asText()).endsWith("bread.md");
    }

    @Test
    void outOfRangeKAndMissingQueryAre400NamingTheField() throws Exception {
        HttpResponse<String> big = search("{\"query\": \"lava\", \"k\": 100000}");
        assertThat(big.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(big.body()).path("error").path("param").asText())
                .isEqualTo("k");
        HttpResponse<String> none = search("{\"k\": 3}");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(none.body()).path("error").path("param").asText())
                .isEqualTo("query");
        HttpResponse<String> mode = search("{\"query\": \"lava\", \"mode\": \"telepathy\"}");
        assertThat(JSON.readTree(mode.body()).path("error").path("param").asText())
                .isEqualTo("mode");
    }
}
