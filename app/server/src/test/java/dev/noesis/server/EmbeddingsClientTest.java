package dev.noesis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import dev.noesis.embeddings.BundledModel;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/embeddings} through the official OpenAI Java client, with the bundled sentence model. */
@QuarkusTest
@QuarkusTestResource(NoesisHome.class)
class EmbeddingsClientTest {

    private static final List<String> TEXTS = List.of(
            "The cat sleeps on the warm windowsill.",
            "A kitten is napping by the sunny window.",
            "Quarterly tax returns are due at the end of the month.");

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

    /** The default bundled model, which the test home does not override; listed among the models. */
    private String embeddingModel() {
        String name = BundledModel.DEFAULT.modelName();
        assertThat(client.models().list().data().stream().map(Model::id)).contains(name);
        return name;
    }

    private static double dot(List<Float> a, List<Float> b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += a.get(i) * b.get(i);
        }
        return s;
    }

    @Test
    void textsGetUnitVectorsInOrderAndSimilarTextsAreNearer() {
        String model = embeddingModel();
        CreateEmbeddingResponse r = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model(model)
                        .inputOfArrayOfStrings(TEXTS)
                        .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                        .build());

        assertThat(r.model()).isEqualTo(model);
        assertThat(r.data()).hasSize(3);
        assertThat(r.data().stream().map(e -> e.index()).toList()).containsExactly(0L, 1L, 2L);
        List<List<Float>> v = r.data().stream().map(e -> e.embedding()).toList();
        assertThat(v).allSatisfy(x -> assertThat(dot(x, x)).isCloseTo(1.0, Offset.offset(1e-3)));
        assertThat(dot(v.get(0), v.get(1))).isGreaterThan(dot(v.get(0), v.get(2)) + 0.1);
        assertThat(r.usage().promptTokens()).isGreaterThan(3 * 5L);
        assertThat(r.usage().totalTokens()).isEqualTo(r.usage().promptTokens());
    }

    @Test
    void base64VectorsAreTheSameAsFloatOnes() throws Exception {
        String model = embeddingModel();
        // The client's default encoding (base64 in recent versions), decoded by the client.
        List<Float> viaDefault = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model(model)
                        .input(TEXTS.get(0))
                        .build())
                .data()
                .getFirst()
                .embedding();
        List<Float> viaFloat = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model(model)
                        .input(TEXTS.get(0))
                        .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                        .build())
                .data()
                .getFirst()
                .embedding();
        HttpResponse<String> raw = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "v1/embeddings"))
                                .header("Authorization", "Bearer " + NoesisHome.KEY)
                                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"input\":\""
                                        + TEXTS.get(0) + "\",\"encoding_format\":\"base64\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String encoded = new ObjectMapper()
                .readTree(raw.body())
                .path("data")
                .path(0)
                .path("embedding")
                .asText();
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(bytes.remaining()).isEqualTo(viaFloat.size() * Float.BYTES);
        assertThat(viaDefault).hasSize(viaFloat.size()).isNotEmpty();
        for (int i = 0; i < viaFloat.size(); i++) {
            assertThat(bytes.getFloat()).isCloseTo(viaFloat.get(i), Offset.offset(1e-6f));
            assertThat(viaDefault.get(i)).isCloseTo(viaFloat.get(i), Offset.offset(1e-6f));
        }
    }

    @Test
    void anUnknownModelAndAnotherLengthAreRefused() {
        assertThatThrownBy(() -> client.embeddings()
                        .create(EmbeddingCreateParams.builder()
                                .model("text-embedding-3-small")
                                .input("x")
                                .build()))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.param()).hasValue("model"));
        assertThatThrownBy(() -> client.embeddings()
                        .create(EmbeddingCreateParams.builder()
                                .model(embeddingModel())
                                .input("x")
                                .dimensions(7)
                                .build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.param()).hasValue("dimensions");
                    assertThat(e.code()).hasValue("unsupported_parameter");
                });
    }
}
