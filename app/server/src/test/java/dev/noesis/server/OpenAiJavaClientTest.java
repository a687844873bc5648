package dev.noesis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server through the official OpenAI Java client, on the real tiny in-process model. */
@QuarkusTest
@QuarkusTestResource(NoesisHome.class)
class OpenAiJavaClientTest {

    @TestHTTPResource("/")
    URL base;

    private OpenAIClient client;

    @BeforeEach
    void connect() {
        client = OpenAIOkHttpClient.builder()
                .baseUrl(base + "v1")
                .apiKey(NoesisHome.KEY)
                .maxRetries(0)
                .build();
    }

    @AfterEach
    void close() {
        client.close();
    }

    private static ChatCompletionCreateParams.Builder question(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addSystemMessage("Answer in a few words.")
                .addUserMessage("Why does water boil at a lower temperature on a mountain?")
                .maxCompletionTokens(16)
                .temperature(0.8)
                .seed(7);
    }

    @Test
    void everyPipelineAndTheBaseModelAreListed() {
        List<String> ids = client.models().list().data().stream().map(Model::id).toList();

        assertThat(ids).containsAll(Pipelines.BUILT_IN).contains(NoesisHome.USER_PIPELINE, "noesis-tiny");
    }

    @Test
    void aCompletionCarriesItsRunUsageAndFingerprint() throws Exception {
        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(question("raw").build());
        ChatCompletion c = raw.parse();

        String text = c.choices().getFirst().message().content().orElseThrow();
        assertThat(text).isNotEmpty();
        assertThat(c.systemFingerprint())
                .hasValueSatisfying(fp -> assertThat(fp).startsWith("fp_"));
        assertThat(c.usage().orElseThrow().completionTokens()).isBetween(1L, 16L);
        assertThat(c.usage().orElseThrow().promptTokens()).isPositive();

        String runId = raw.headers().values("x-noesis-run-id").getFirst();
        HttpResponse<String> record = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "api/runs/" + runId))
                                .header("Authorization", "Bearer " + NoesisHome.KEY)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(record.statusCode()).isEqualTo(200);
        JsonNode run = new ObjectMapper().readTree(record.body());
        assertThat(run.path("answer").asText()).isEqualTo(text);
        assertThat(run.path("trace").path("pipeline").asText()).isEqualTo("raw");
        assertThat(run.path("usage").path("completionTokens").asLong())
                .isEqualTo(c.usage().orElseThrow().completionTokens());
    }

    @Test
    void theFingerprintDiffersBetweenPipelinesAndRepeatsForOne() {
        String raw1 = client.chat()
                .completions()
                .create(question("raw").build())
                .systemFingerprint()
                .orElseThrow();
        String raw2 = client.chat()
                .completions()
                .create(question("raw@noesis-tiny").build())
                .systemFingerprint()
                .orElseThrow();
        String plan = client.chat()
                .completions()
                .create(question("plan-solve").maxCompletionTokens(4).build())
                .systemFingerprint()
                .orElseThrow();

        assertThat(raw2).isEqualTo(raw1);
        assertThat(plan).isNotEqualTo(raw1);
    }

    @Test
    void streamedChunksJoinToTheCompletionUnderTheSameSeed() {
        String whole = client.chat()
                .completions()
                .create(question("raw").build())
                .choices()
                .getFirst()
                .message()
                .content()
                .orElseThrow();

        List<String> chunks = new ArrayList<>();
        List<ChatCompletionChunk> all = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(question("raw")
                        .streamOptions(ChatCompletionStreamOptions.builder()
                                .includeUsage(true)
                                .build())
                        .build())) {
            stream.stream().forEach(chunk -> {
                all.add(chunk);
                chunk.choices().forEach(ch -> ch.delta().content().ifPresent(chunks::add));
            });
        }

        assertThat(String.join("", chunks)).isEqualTo(whole);
        assertThat(chunks.stream().filter(s -> !s.isEmpty()).count()).isGreaterThan(1);
        ChatCompletionChunk last = all.getLast();
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage())
                .hasValueSatisfying(u -> assertThat(u.completionTokens()).isBetween(1L, 16L));
        assertThat(all).allSatisfy(ch -> assertThat(ch.systemFingerprint()).isPresent());
    }

    @Test
    void twoChoicesAreRefusedNamingN() {
        assertThatThrownBy(() ->
                        client.chat().completions().create(question("raw").n(2).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.param()).hasValue("n");
                    assertThat(e.code()).hasValue("unsupported_parameter");
                    assertThat(e.type()).hasValue("invalid_request_error");
                });
    }

    @Test
    void anUnknownModelIsNotFound() {
        assertThatThrownBy(() -> client.chat()
                        .completions()
                        .create(question("no-such-pipeline").build()))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.param()).hasValue("model"));
        assertThatThrownBy(() -> client.chat()
                        .completions()
                        .create(question("raw@other-model").build()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aWrongKeyIsRefused() {
        OpenAIClient other = OpenAIOkHttpClient.builder()
                .baseUrl(base + "v1")
                .apiKey("wrong-key")
                .maxRetries(0)
                .build();
        try {
            assertThatThrownBy(() -> other.models().list()).isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(401);
                assertThat(e.code()).hasValue("invalid_api_key");
            });
        } finally {
            other.close();
        }
    }
}
