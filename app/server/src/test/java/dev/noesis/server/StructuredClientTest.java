package dev.noesis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionNamedToolChoice;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.core.structured.JsonValidator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code response_format} and tools through the official OpenAI Java client, on the real tiny
 * model: its weights are random, so every document that parses and validates is the constrained
 * decoder's doing.
 */
@QuarkusTest
@QuarkusTestResource(NoesisHome.class)
class StructuredClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PERSON = """
            {"type":"object","properties":{
              "name":{"type":"string","maxLength":12},
              "age":{"type":"integer"},
              "role":{"enum":["pilot","cook","judge"]},
              "tags":{"type":"array","items":{"type":"string","maxLength":6},"maxItems":3}},
             "required":["name","age","role","tags"],"additionalProperties":false}""";
    private static final String WEATHER_ARGS = """
            {"type":"object","properties":{"city":{"type":"string","maxLength":16},"unit":{"enum":["c","f"]}},
             "required":["city","unit"],"additionalProperties":false}""";
    private static final String TIME_ARGS = """
            {"type":"object","properties":{"zone":{"type":"string","pattern":"^[A-Z]{3}$"}},"required":["zone"]}""";

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

    private static Map<String, JsonValue> properties(String schema) throws Exception {
        Map<String, Object> map = JSON.readValue(schema, new TypeReference<>() {});
        Map<String, JsonValue> out = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, JsonValue.from(v)));
        return out;
    }

    private static ResponseFormatJsonSchema person() throws Exception {
        return ResponseFormatJsonSchema.builder()
                .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name("person")
                        .strict(true)
                        .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                .putAllAdditionalProperties(properties(PERSON))
                                .build())
                        .build())
                .build();
    }

    private static FunctionDefinition function(String name, String description, String parameters) throws Exception {
        return FunctionDefinition.builder()
                .name(name)
                .description(description)
                .parameters(FunctionParameters.builder()
                        .putAllAdditionalProperties(properties(parameters))
                        .build())
                .build();
    }

    private static ChatCompletionCreateParams.Builder ask(String question, long seed) throws Exception {
        return ChatCompletionCreateParams.builder()
                .model("raw")
                .addUserMessage(question)
                .maxCompletionTokens(300)
                .temperature(1.0)
                .seed(seed);
    }

    private static ChatCompletionCreateParams.Builder withTools(String question, long seed) throws Exception {
        return ask(question, seed)
                .addFunctionTool(function("get_weather", "The weather in a city.", WEATHER_ARGS))
                .addFunctionTool(function("get_time", "The time in a zone.", TIME_ARGS));
    }

    private static void assertValid(String json, String schema) throws Exception {
        JsonNode value = JSON.readTree(json);
        assertThat(JsonValidator.validate(value, JsonSchema.parse(schema).root()))
                .as(json)
                .isEmpty();
    }

    @Test
    void aJsonSchemaReplyParsesAndValidatesOnARandomModel() throws Exception {
        Set<String> distinct = new HashSet<>();
        for (long seed = 1; seed <= 6; seed++) {
            ChatCompletion c = client.chat()
                    .completions()
                    .create(ask("Describe a person.", seed)
                            .responseFormat(person())
                            .build());

            String content = c.choices().getFirst().message().content().orElseThrow();
            assertValid(content, PERSON);
            assertThat(c.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
            distinct.add(content);
        }
        assertThat(distinct).as("different seeds give different documents").hasSizeGreaterThan(1);
    }

    @Test
    void aStreamedJsonSchemaReplyJoinsToADocument() throws Exception {
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(
                        ask("Describe a person.", 3).responseFormat(person()).build())) {
            stream.stream()
                    .forEach(chunk ->
                            chunk.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
        }

        assertValid(text.toString(), PERSON);
    }

    @Test
    void jsonObjectGivesAnObjectOnAPipelineToo() throws Exception {
        ChatCompletion c = client.chat()
                .completions()
                .create(ask("Anything.", 2)
                        .model("plan-solve")
                        .responseFormat(ResponseFormatJsonObject.builder().build())
                        .build());

        JsonNode value =
                JSON.readTree(c.choices().getFirst().message().content().orElseThrow());
        assertThat(value.isObject()).isTrue();
    }

    @Test
    void aSchemaFeatureOutsideTheSubsetIsA400NamingIt() throws Exception {
        ResponseFormatJsonSchema minimum = ResponseFormatJsonSchema.builder()
                .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name("n")
                        .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                .putAllAdditionalProperties(properties("{\"type\":\"integer\",\"minimum\":1}"))
                                .build())
                        .build())
                .build();

        assertThatThrownBy(() -> client.chat()
                        .completions()
                        .create(ask("A number.", 1).responseFormat(minimum).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.code()).hasValue("unsupported_parameter");
                    assertThat(e.param()).hasValue("response_format.json_schema.schema");
                    assertThat(e.getMessage()).contains("minimum");
                });
    }

    @Test
    void aRequiredToolChoiceAlwaysGivesACallWhoseArgumentsValidate() throws Exception {
        Set<String> names = new HashSet<>();
        for (long seed = 1; seed <= 8; seed++) {
            ChatCompletion c = client.chat()
                    .completions()
                    .create(withTools("What is the weather in Oslo?", seed)
                            .toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED)
                            .build());

            ChatCompletion.Choice choice = c.choices().getFirst();
            assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
            assertThat(choice.message().content()).isEmpty();
            ChatCompletionMessageFunctionToolCall call =
                    choice.message().toolCalls().orElseThrow().getFirst().asFunction();
            assertThat(call.id()).startsWith("call_");
            String name = call.function().name();
            assertThat(name).isIn("get_weather", "get_time");
            assertValid(call.function().arguments(), name.equals("get_weather") ? WEATHER_ARGS : TIME_ARGS);
            names.add(name);
        }
        assertThat(names).as("the model chose between the tools").hasSize(2);
    }

    @Test
    void aNamedToolIsTheOneCalledAndAStreamedCallAccumulates() throws Exception {
        ChatCompletionCreateParams params = withTools("What time is it?", 5)
                .toolChoice(ChatCompletionNamedToolChoice.builder()
                        .function(ChatCompletionNamedToolChoice.Function.builder()
                                .name("get_time")
                                .build())
                        .build())
                .build();
        ChatCompletion whole = client.chat().completions().create(params);
        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(acc::accumulate);
        }
        ChatCompletion streamed = acc.chatCompletion();

        for (ChatCompletion c : new ChatCompletion[] {whole, streamed}) {
            ChatCompletion.Choice choice = c.choices().getFirst();
            assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
            ChatCompletionMessageFunctionToolCall call =
                    choice.message().toolCalls().orElseThrow().getFirst().asFunction();
            assertThat(call.function().name()).isEqualTo("get_time");
            assertValid(call.function().arguments(), TIME_ARGS);
        }
        assertThat(streamed.choices()
                        .getFirst()
                        .message()
                        .toolCalls()
                        .orElseThrow()
                        .getFirst()
                        .asFunction()
                        .function()
                        .arguments())
                .as("the same seed, the same call")
                .isEqualTo(whole.choices()
                        .getFirst()
                        .message()
                        .toolCalls()
                        .orElseThrow()
                        .getFirst()
                        .asFunction()
                        .function()
                        .arguments());
    }

    @Test
    void autoEitherAnswersOrMakesACallThatValidatesAndAToolResultGoesBack() throws Exception {
        int calls = 0;
        int answers = 0;
        ChatCompletion withCall = null;
        for (long seed = 1; seed <= 10; seed++) {
            ChatCompletion c = client.chat()
                    .completions()
                    .create(withTools("What is the weather in Oslo?", seed).build());
            ChatCompletion.Choice choice = c.choices().getFirst();
            if (choice.message().toolCalls().isPresent()
                    && !choice.message().toolCalls().get().isEmpty()) {
                assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
                var call = choice.message().toolCalls().get().getFirst().asFunction();
                assertValid(
                        call.function().arguments(),
                        call.function().name().equals("get_weather") ? WEATHER_ARGS : TIME_ARGS);
                calls++;
                withCall = c;
            } else {
                assertThat(choice.message().content()).isPresent();
                assertThat(choice.finishReason())
                        .isIn(ChatCompletion.Choice.FinishReason.STOP, ChatCompletion.Choice.FinishReason.LENGTH);
                answers++;
            }
        }
        assertThat(calls + answers).isEqualTo(10);
        assertThat(calls).as("some seeds call a tool").isPositive();

        var message = withCall.choices().getFirst().message();
        String id = message.toolCalls().orElseThrow().getFirst().asFunction().id();
        ChatCompletion after = client.chat()
                .completions()
                .create(withTools("What is the weather in Oslo?", 1)
                        .addMessage(message)
                        .addMessage(ChatCompletionToolMessageParam.builder()
                                .toolCallId(id)
                                .content("12 degrees and rain")
                                .build())
                        .toolChoice(ChatCompletionToolChoiceOption.Auto.NONE)
                        .maxCompletionTokens(8)
                        .build());
        assertThat(after.choices().getFirst().message().content()).isPresent();
        assertThat(after.choices().getFirst().message().toolCalls().orElse(java.util.List.of()))
                .isEmpty();
    }
}
