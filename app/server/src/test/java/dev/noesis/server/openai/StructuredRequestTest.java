package dev.noesis.server.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.model.Message;
import dev.noesis.core.structured.JsonValidator;
import dev.noesis.server.ApiException;
import org.junit.jupiter.api.Test;

/** {@code response_format}, {@code tools} and tool messages, as {@link ChatRequest} reads them. */
class StructuredRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HI = "\"model\":\"raw\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";
    private static final String WEATHER = """
            {"type":"function","function":{"name":"get_weather","description":"The weather in a city.",
             "parameters":{"type":"object","properties":{"city":{"type":"string","maxLength":20},
             "unit":{"enum":["c","f"]}},"required":["city","unit"],"additionalProperties":false}}}""";
    private static final String TIME = """
            {"type":"function","function":{"name":"get_time","parameters":{"type":"object",
             "properties":{"zone":{"type":"string","maxLength":8}},"required":["zone"]}}}""";

    private static ChatRequest parse(String json) throws Exception {
        return ChatRequest.parse(JSON.readTree(json), 100);
    }

    private static ApiException refusal(String json) {
        try {
            parse(json);
        } catch (ApiException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not refused: " + json);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aJsonSchemaFormatIsTheReplysSchemaAndItsContentIsTheDocument() throws Exception {
        ChatRequest r = parse("{" + HI + ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{"
                + "\"name\":\"answer\",\"strict\":true,\"schema\":{\"type\":\"object\",\"properties\":{"
                + "\"n\":{\"type\":\"integer\"}},\"required\":[\"n\"],\"additionalProperties\":false}}}}");

        ReplyShape shape = r.shape().orElseThrow();
        assertThat(JsonValidator.validate(json("{\"n\":3}"), shape.schema().root()))
                .isEmpty();
        assertThat(JsonValidator.validate(json("{\"n\":\"x\"}"), shape.schema().root()))
                .isNotEmpty();
        assertThat(shape.read("{\"n\":3}")).isEqualTo(new ReplyShape.Content("{\"n\":3}"));
    }

    @Test
    void jsonObjectIsAnyObjectAndTextIsNoShape() throws Exception {
        ReplyShape shape = parse("{" + HI + ",\"response_format\":{\"type\":\"json_object\"}}")
                .shape()
                .orElseThrow();

        assertThat(JsonValidator.validate(json("{\"a\":[1]}"), shape.schema().root()))
                .isEmpty();
        assertThat(JsonValidator.validate(json("[1]"), shape.schema().root())).isNotEmpty();
        assertThat(parse("{" + HI + ",\"response_format\":{\"type\":\"text\"}}").shape())
                .isEmpty();
    }

    @Test
    void aSchemaFeatureOutsideTheSubsetIsRefusedByName() {
        ApiException e = refusal("{" + HI + ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{"
                + "\"name\":\"a\",\"schema\":{\"type\":\"integer\",\"minimum\":3}}}}");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("unsupported_parameter");
        assertThat(e.param()).isEqualTo("response_format.json_schema.schema");
        assertThat(e.getMessage()).contains("\"minimum\"");

        ApiException t = refusal("{" + HI + ",\"tools\":[" + TIME + ",{\"type\":\"function\",\"function\":{"
                + "\"name\":\"f\",\"parameters\":{\"$ref\":\"#/$defs/x\"}}}]}");
        assertThat(t.code()).isEqualTo("unsupported_parameter");
        assertThat(t.param()).isEqualTo("tools[1].function.parameters");
        assertThat(t.getMessage()).contains("$ref");

        assertThat(refusal("{" + HI + ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{"
                                + "\"schema\":{\"type\":\"object\"}}}}")
                        .param())
                .isEqualTo("response_format.json_schema.name");
    }

    @Test
    void requiredToolsMakeEveryReplyACallOfOneOfThem() throws Exception {
        ReplyShape shape = parse("{" + HI + ",\"tools\":[" + WEATHER + "," + TIME + "],\"tool_choice\":\"required\"}")
                .shape()
                .orElseThrow();

        assertThat(JsonValidator.validate(
                        json("{\"tool\":\"get_weather\",\"arguments\":{\"city\":\"Oslo\",\"unit\":\"c\"}}"),
                        shape.schema().root()))
                .isEmpty();
        assertThat(JsonValidator.validate(
                        json("{\"tool\":\"get_time\",\"arguments\":{\"city\":\"Oslo\",\"unit\":\"c\"}}"),
                        shape.schema().root()))
                .as("get_time's arguments do not have get_weather's schema")
                .isNotEmpty();
        assertThat(JsonValidator.validate(
                        json("{\"answer\":\"hello\"}"), shape.schema().root()))
                .as("required leaves no answer")
                .isNotEmpty();
        assertThat(shape.read("{\"tool\":\"get_time\",\"arguments\":{\"zone\":\"UTC\"}}"))
                .isEqualTo(new ReplyShape.Call("get_time", "{\"zone\":\"UTC\"}"));
    }

    @Test
    void autoAllowsAnAnswerAndANamedChoiceOnlyThatTool() throws Exception {
        ReplyShape auto =
                parse("{" + HI + ",\"tools\":[" + WEATHER + "]}").shape().orElseThrow();
        assertThat(JsonValidator.validate(
                        json("{\"answer\":\"hello\"}"), auto.schema().root()))
                .isEmpty();
        assertThat(auto.read("{\"answer\":\"hello\"}")).isEqualTo(new ReplyShape.Content("hello"));

        ReplyShape named = parse("{" + HI + ",\"tools\":[" + WEATHER + "," + TIME
                        + "],\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}}")
                .shape()
                .orElseThrow();
        assertThat(JsonValidator.validate(
                        json("{\"tool\":\"get_weather\",\"arguments\":{\"city\":\"Oslo\",\"unit\":\"c\"}}"),
                        named.schema().root()))
                .isNotEmpty();
        assertThat(JsonValidator.validate(
                        json("{\"tool\":\"get_time\",\"arguments\":{\"zone\":\"UTC\"}}"),
                        named.schema().root()))
                .isEmpty();

        assertThat(parse("{" + HI + ",\"tools\":[" + WEATHER + "],\"tool_choice\":\"none\"}")
                        .shape())
                .isEmpty();
        assertThat(refusal("{" + HI + ",\"tools\":[" + WEATHER
                                + "],\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"nope\"}}}")
                        .param())
                .isEqualTo("tool_choice");
    }

    @Test
    void anIncompleteDocumentIsContentAsItIs() throws Exception {
        ReplyShape shape =
                parse("{" + HI + ",\"tools\":[" + WEATHER + "]}").shape().orElseThrow();

        assertThat(shape.read("{\"tool\":\"get_wea")).isEqualTo(new ReplyShape.Content("{\"tool\":\"get_wea"));
    }

    @Test
    void anEarlierCallAndItsResultAreHistoryAndTheResultTheQuestion() throws Exception {
        ChatRequest r = parse("""
                {"model":"raw","tools":[%s],"messages":[
                  {"role":"user","content":"Weather in Oslo?"},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                    "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\",\\"unit\\":\\"c\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"12 degrees"}]}""".formatted(WEATHER));

        assertThat(r.history())
                .containsExactly(
                        Message.user("Weather in Oslo?"),
                        Message.assistant(
                                "{\"tool\":\"get_weather\",\"arguments\":{\"city\":\"Oslo\",\"unit\":\"c\"}}"));
        assertThat(r.question()).isEqualTo("Result of the tool get_weather (call call_1):\n12 degrees");
    }

    @Test
    void aToolResultFollowedByAQuestionIsOneTurn() throws Exception {
        ChatRequest r = parse("""
                {"model":"raw","messages":[
                  {"role":"user","content":"Time?"},
                  {"role":"assistant","tool_calls":[{"id":"c9","type":"function",
                    "function":{"name":"get_time","arguments":"{}"}}]},
                  {"role":"tool","tool_call_id":"c9","content":"noon"},
                  {"role":"user","content":"And so?"}]}""");

        assertThat(r.history()).hasSize(2);
        assertThat(r.question()).isEqualTo("Result of the tool get_time (call c9):\nnoon\n\nAnd so?");
    }
}
