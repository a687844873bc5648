package dev.noesis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * LoRA adapters over REST, on the real tiny model with two registered adapters: listed in
 * {@code /v1/models}, named as {@code PIPELINE@ADAPTER} (or {@code PIPELINE@MODEL@ADAPTER}), or
 * chosen by a pipeline's {@code adapter-router} step.
 */
@QuarkusTest
@QuarkusTestResource(value = AdapterHome.class, restrictToAnnotatedClass = true)
class AdapterModelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUESTION = "Is a verbal contract with my landlord binding?";

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + NoesisHome.KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> chat(String model) throws Exception {
        String body = JSON.writeValueAsString(Map.of(
                "model",
                model,
                "messages",
                List.of(Map.of("role", "user", "content", QUESTION)),
                "max_tokens",
                8,
                "temperature",
                0));
        return http.send(
                HttpRequest.newBuilder(URI.create(base + "v1/chat/completions"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + NoesisHome.KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(String model) throws Exception {
        HttpResponse<String> r = chat(model);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static String answer(JsonNode completion) {
        return completion
                .path("choices")
                .path(0)
                .path("message")
                .path("content")
                .asText();
    }

    @Test
    void adaptersAreListedAsModelsOfTheirOwnKind() throws Exception {
        List<String> adapters = new ArrayList<>();
        for (JsonNode m : get("v1/models").path("data")) {
            if (m.path("noesis").path("kind").asText().equals("adapter")) {
                adapters.add(m.path("id").asText());
            }
        }

        assertThat(adapters).containsExactly("noesis-tiny@cooking", "noesis-tiny@legal");
    }

    @Test
    void pipelineAtAdapterRunsOnTheAdaptersVariant() throws Exception {
        JsonNode onBase = ok("raw");
        JsonNode onLegal = ok("raw@legal");
        JsonNode spelledOut = ok("raw@noesis-tiny@legal");
        JsonNode listedId = ok("noesis-tiny@legal");

        assertThat(answer(onLegal)).isNotEmpty().isNotEqualTo(answer(onBase));
        assertThat(answer(spelledOut)).isEqualTo(answer(onLegal));
        assertThat(answer(listedId)).isEqualTo(answer(onLegal));
        assertThat(onLegal.path("noesis").path("model").asText()).isEqualTo("noesis-tiny@legal");
        assertThat(onLegal.path("system_fingerprint").asText())
                .isEqualTo(spelledOut.path("system_fingerprint").asText())
                .isNotEqualTo(onBase.path("system_fingerprint").asText());
        JsonNode run = get("api/runs/" + onLegal.path("noesis").path("run_id").asText());
        assertThat(run.path("trace").path("model").asText()).endsWith("noesis-tiny@legal");
    }

    @Test
    void anUnknownAdapterIsA404NamingTheRegisteredOnes() throws Exception {
        HttpResponse<String> r = chat("raw@legl");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body())
                .contains("'legl' in 'raw@legl' is neither this server's base model 'noesis-tiny' nor a registered"
                        + " adapter; adapters: cooking, legal.");
    }

    @Test
    void aPipelineWithTheRouterChoosesTheAdapterPerRequest() throws Exception {
        JsonNode routed = ok(AdapterHome.ROUTED);
        JsonNode run = get("api/runs/" + routed.path("noesis").path("run_id").asText());

        assertThat(run.path("trace").path("model").asText()).endsWith("noesis-tiny@legal");
        assertThat(run.toString()).contains("keyword: legal").contains("model calls on adapter legal");

        JsonNode named = ok(AdapterHome.ROUTED + "@cooking");
        JsonNode namedRun =
                get("api/runs/" + named.path("noesis").path("run_id").asText());
        assertThat(namedRun.path("trace").path("model").asText())
                .as("a named adapter is kept by the router")
                .endsWith("noesis-tiny@cooking");
    }

    @Test
    void theOfficialClientNamesAnAdapterAsItsModel() {
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(base + "v1")
                .apiKey(NoesisHome.KEY)
                .maxRetries(0)
                .build();
        try {
            HttpResponseFor<ChatCompletion> raw = client.chat()
                    .completions()
                    .withRawResponse()
                    .create(ChatCompletionCreateParams.builder()
                            .model("raw@legal")
                            .addUserMessage(QUESTION)
                            .maxCompletionTokens(8)
                            .temperature(0.0)
                            .build());
            ChatCompletion c = raw.parse();

            assertThat(c.choices().getFirst().message().content())
                    .hasValueSatisfying(t -> assertThat(t).isNotEmpty());
            assertThat(c.model()).isEqualTo("raw@legal");
        } finally {
            client.close();
        }
    }
}
