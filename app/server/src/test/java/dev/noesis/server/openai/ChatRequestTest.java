package dev.noesis.server.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Message;
import dev.noesis.server.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRequestTest {

    private static ChatRequest parse(String json) throws Exception {
        JsonNode body = new ObjectMapper().readTree(json);
        return ChatRequest.parse(body, 100);
    }

    private static void refused(String json, String param, String code) {
        assertThatThrownBy(() -> parse(json)).as(json).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.param()).isEqualTo(param);
            assertThat(e.code()).isEqualTo(code);
        });
    }

    @Test
    void theLastMessageIsTheQuestionAndTheOthersTheHistoryWithTheSystemTextAtTheHead() throws Exception {
        ChatRequest r = parse("""
                {"model":"raw","messages":[
                  {"role":"system","content":"Be brief."},
                  {"role":"user","content":"What is 2+2?"},
                  {"role":"assistant","content":"4"},
                  {"role":"user","content":[{"type":"text","text":"And 3+3"},{"type":"text","text":"?"}]}],
                 "temperature":0.5,"top_p":0.9,"seed":3,"max_completion_tokens":20,"stop":"END","user":"u1"}""");

        assertThat(r.question()).isEqualTo("And 3+3?");
        assertThat(r.history()).containsExactly(Message.user("Be brief.\n\nWhat is 2+2?"), Message.assistant("4"));
        GenerationParams p = r.overrides().over(GenerationParams.DEFAULTS);
        assertThat(p).isEqualTo(new GenerationParams(20, 0.5, 0.9, 3, List.of("END")));
        assertThat(r.user()).contains("u1");
        assertThat(r.stream()).isFalse();
    }

    @Test
    void aSystemTextWithoutHistoryHeadsTheQuestion() throws Exception {
        ChatRequest r = parse("""
                {"model":"raw","stream":true,"stream_options":{"include_usage":true},"messages":[
                  {"role":"developer","content":"Be brief."},{"role":"user","content":"Hi"}]}""");

        assertThat(r.question()).isEqualTo("Be brief.\n\nHi");
        assertThat(r.history()).isEmpty();
        assertThat(r.includeUsage()).isTrue();
    }

    @Test
    void neutralValuesOfUnhonouredFieldsAreAccepted() throws Exception {
        ChatRequest r = parse("""
                {"model":"raw","messages":[{"role":"user","content":"Hi"}],"n":1,"logprobs":false,
                 "frequency_penalty":0,"presence_penalty":0,"tools":[],"tool_choice":"none",
                 "response_format":{"type":"text"},"store":false,"logit_bias":{},"top_logprobs":null}""");

        assertThat(r.question()).isEqualTo("Hi");
    }

    @Test
    void whatCannotBeHonouredIsRefusedNamingTheField() {
        String hi = "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";
        refused("{\"model\":\"raw\"," + hi + ",\"n\":3}", "n", "unsupported_parameter");
        refused("{\"model\":\"raw\"," + hi + ",\"presence_penalty\":0.5}", "presence_penalty", "unsupported_parameter");
        refused("{\"model\":\"raw\"," + hi + ",\"tool_choice\":\"auto\"}", "tool_choice", "invalid_value");
        refused(
                "{\"model\":\"raw\"," + hi + ",\"functions\":[{\"name\":\"f\"}]}",
                "functions",
                "unsupported_parameter");
        refused("{\"model\":\"raw\"," + hi + ",\"max_tokens\":101}", "max_tokens", "invalid_value");
        refused(
                "{\"model\":\"raw\"," + hi + ",\"max_tokens\":5,\"max_completion_tokens\":6}",
                "max_completion_tokens",
                "invalid_value");
        refused("{\"model\":\"raw\"," + hi + ",\"temperature\":3}", "temperature", "invalid_value");
        refused(
                "{\"model\":\"raw\"," + hi + ",\"stream_options\":{\"include_usage\":true}}",
                "stream_options",
                "invalid_value");
        refused(
                "{\"model\":\"raw\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\",\"tool_call_id\":\"c1\"}]}",
                "messages[0].tool_call_id",
                "invalid_value");
        refused(
                "{\"model\":\"raw\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\",\"name\":\"ann\"}]}",
                "messages[0].name",
                "unsupported_parameter");
        refused(
                "{\"model\":\"raw\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
                        + "{\"role\":\"assistant\",\"content\":\"Hel\"}]}",
                "messages",
                "unsupported_parameter");
        refused(
                "{\"model\":\"raw\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}",
                "messages[0].content",
                "unsupported_parameter");
        refused("{" + hi + "}", "model", "invalid_value");
    }
}
