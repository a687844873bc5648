package dev.noesis.server.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.server.ApiException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EmbeddingRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddingRequest parse(String json) throws Exception {
        return EmbeddingRequest.parse(JSON.readTree(json));
    }

    private static void refused(String json, int status, String param, String code) {
        assertThatThrownBy(() -> parse(json)).as(json).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.param()).isEqualTo(param);
            assertThat(e.code()).isEqualTo(code);
        });
    }

    @Test
    void aStringOrAnArrayOfStringsIsTheInput() throws Exception {
        assertThat(parse("{\"model\":\"m\",\"input\":\"one\"}").input()).containsExactly("one");
        EmbeddingRequest r =
                parse("{\"model\":\"m\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"base64\",\"user\":\"u\"}");
        assertThat(r.input()).containsExactly("a", "b");
        assertThat(r.base64()).isTrue();
        assertThat(parse("{\"model\":\"m\",\"input\":\"x\",\"dimensions\":384}").dimensions())
                .hasValue(384);
    }

    @Test
    void whatIsNotServedIsRefusedNamingTheField() {
        refused("{\"model\":\"m\",\"input\":[[1,2,3]]}", 400, "input", "unsupported_parameter");
        refused("{\"model\":\"m\",\"input\":[]}", 400, "input", "invalid_value");
        refused("{\"model\":\"m\",\"input\":[\"\"]}", 400, "input", "invalid_value");
        refused(
                "{\"model\":\"m\",\"input\":\"x\",\"encoding_format\":\"int8\"}",
                400,
                "encoding_format",
                "invalid_value");
        refused("{\"input\":\"x\"}", 400, "model", "invalid_value");
        refused("{\"model\":\"m\"}", 400, "input", "invalid_value");
        refused("{\"model\":\"m\",\"input\":\"x\",\"truncate\":true}", 400, "truncate", "unsupported_parameter");
        refused(
                "{\"model\":\"m\",\"input\":[" + "\"t\",".repeat(EmbeddingRequest.MAX_INPUTS) + "\"t\"]}",
                400,
                "input",
                "invalid_value");
        refused(
                "{\"model\":\"m\",\"input\":\"" + "x".repeat(EmbeddingRequest.MAX_CHARS + 1) + "\"}",
                413,
                "input",
                "input_too_large");
    }

    @Test
    void base64IsLittleEndianFloat32() {
        float[] v = {1.5f, -0.25f, 0f};
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(EmbeddingsResource.base64(v)))
                .order(ByteOrder.LITTLE_ENDIAN);

        assertThat(b.remaining()).isEqualTo(12);
        assertThat(new float[] {b.getFloat(), b.getFloat(), b.getFloat()}).containsExactly(v);
    }
}
