package dev.noesis.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.BackendException;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.Completion;
import dev.noesis.core.model.FinishReason;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Message;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.model.StructuredOutputException;
import dev.noesis.core.model.StructuredResult;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.jlama.JlamaLanguageModel;
import dev.noesis.jlama.testing.TinyModels;
import dev.noesis.testing.OpenAiFormatServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible client against a real HTTP endpoint that answers with the real tiny Jlama model. */
class OpenAiCompatibleLanguageModelTest {

    private static final String KEY = "sk-test-0123456789";
    private static JlamaLanguageModel jlama;
    private static OpenAiFormatServer server;

    private static final Prompt QUESTION = new Prompt(
            "Be brief.",
            List.of(
                    Message.user("Where is the mill?"),
                    Message.assistant("Near the river."),
                    Message.user("And the bridge?")),
            null);
    private static final GenerationParams PARAMS = GenerationParams.DEFAULTS.withMaxNewTokens(24);

    @BeforeAll
    static void start() throws IOException {
        jlama = JlamaLanguageModel.open(TinyModels.standard());
        server = new OpenAiFormatServer(jlama, KEY);
    }

    @AfterAll
    static void stop() {
        server.close();
        jlama.close();
    }

    @BeforeEach
    void reset() {
        server.delayMs = 0;
        server.sendUsage = true;
        server.schemaSupport = OpenAiFormatServer.SchemaSupport.ENFORCE;
        server.requests.clear();
    }

    private static final JsonSchema ANSWER = JsonSchema.parse("""
        {"type":"object","properties":{"answer":{"type":"string","maxLength":10},"sure":{"type":"boolean"}},
         "required":["answer","sure"],"additionalProperties":false}""");

    @Test
    void structuredOutputAsksForTheSchemaAndValidatesTheReply() {
        StructuredResult r =
                client(KEY, Duration.ofSeconds(60)).generateJson(QUESTION, ANSWER, PARAMS.withMaxNewTokens(200));

        assertThat(r.status()).as(r.rawText() + " " + r.errors()).isEqualTo(StructuredResult.Status.VALID);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.value().has("answer")).isTrue();
        var format = server.requests.get(0).path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.at("/json_schema/schema")).isEqualTo(ANSWER.document());
    }

    @Test
    void aReplyThatDoesNotValidateIsRepaired() {
        server.schemaSupport = OpenAiFormatServer.SchemaSupport.IGNORE_FIRST;

        StructuredResult r =
                client(KEY, Duration.ofSeconds(60)).generateJson(QUESTION, ANSWER, PARAMS.withMaxNewTokens(200));

        assertThat(r.status()).isEqualTo(StructuredResult.Status.VALID);
        assertThat(r.attempts()).isEqualTo(2);
        var repair = server.requests.get(1).path("messages");
        String lastUserMessage = repair.get(repair.size() - 1).path("content").asText();
        assertThat(lastUserMessage).startsWith("That reply is not valid");
        assertThat(repair.get(repair.size() - 2).path("role").asText()).isEqualTo("assistant");
    }

    @Test
    void aReplyThatNeverValidatesIsReportedWithItsTextAndErrors() {
        server.schemaSupport = OpenAiFormatServer.SchemaSupport.IGNORE;

        StructuredResult r =
                client(KEY, Duration.ofSeconds(60)).generateJson(QUESTION, ANSWER, PARAMS.withMaxNewTokens(30));

        assertThat(r.status()).isIn(StructuredResult.Status.INVALID, StructuredResult.Status.TRUNCATED);
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(server.requests).hasSize(3);
        assertThat(r.rawText()).isNotEmpty();
        assertThat(r.errors()).isNotEmpty();
        assertThatThrownBy(r::valueOrThrow).isInstanceOf(StructuredOutputException.class);
    }

    private static OpenAiCompatibleLanguageModel client(String key, Duration timeout) {
        return new OpenAiCompatibleLanguageModel(
                new OpenAiServer(server.baseUrl(), "tiny", Optional.ofNullable(key), timeout));
    }

    @Test
    void answersWhatTheModelBehindTheServerAnswers() {
        Completion direct = jlama.generate(QUESTION, PARAMS);
        Completion remote = client(KEY, Duration.ofSeconds(60)).generate(QUESTION, PARAMS);

        assertThat(remote.text()).isEqualTo(direct.text());
        assertThat(remote.promptTokens()).isEqualTo(direct.promptTokens());
        assertThat(remote.completionTokens()).isEqualTo(direct.completionTokens());
        assertThat(remote.finishReason())
                .isEqualTo(
                        direct.finishReason() == FinishReason.MAX_TOKENS
                                ? FinishReason.MAX_TOKENS
                                : FinishReason.END_OF_SEQUENCE);
    }

    @Test
    void sendsEveryGenerationSettingButTheStopSequences() {
        GenerationParams p =
                PARAMS.withTemperature(0.7).withTopP(0.9).withSeed(77).withStopSequences(List.of("zz"));
        client(KEY, Duration.ofSeconds(60)).generate(QUESTION, p);

        var req = server.requests.get(0);
        assertThat(req.path("model").asText()).isEqualTo("tiny");
        assertThat(req.path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(req.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(req.path("seed").asLong()).isEqualTo(77);
        assertThat(req.path("max_tokens").asInt()).isEqualTo(24);
        // Stop sequences are applied by the client, so that STOP_SEQUENCE means the same as in process.
        assertThat(req.has("stop")).isFalse();
        assertThat(req.path("messages")).hasSize(4);
        assertThat(req.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(req.path("stream").asBoolean()).isTrue();
    }

    @Test
    void seededSamplingThroughTheServerMatchesTheModel() {
        GenerationParams sampled = PARAMS.withTemperature(1.0).withSeed(5);
        assertThat(client(KEY, Duration.ofSeconds(60))
                        .generate(QUESTION, sampled)
                        .text())
                .isEqualTo(jlama.generate(QUESTION, sampled).text());
    }

    @Test
    void streamsChunksThatJoinToTheAnswer() {
        List<String> chunks = new ArrayList<>();
        Completion c = client(KEY, Duration.ofSeconds(60)).generate(QUESTION, PARAMS, chunks::add);

        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(String.join("", chunks)).isEqualTo(c.text());
        assertThat(c.totalMs()).isPositive();
    }

    @Test
    void withoutAUsageReportCompletionTokensAreCountedFromChunks() {
        server.sendUsage = false;
        List<String> chunks = new ArrayList<>();
        Completion c = client(KEY, Duration.ofSeconds(60)).generate(QUESTION, PARAMS, chunks::add);

        assertThat(c.completionTokens()).isEqualTo(chunks.size());
        assertThat(c.promptTokens()).isZero();
    }

    @Test
    void aWrongKeyIsReportedWithoutShowingIt() {
        String wrong = "sk-wrong-secret";

        assertThatThrownBy(() -> client(wrong, Duration.ofSeconds(60)).generate(QUESTION, PARAMS))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("unauthorized")
                .hasMessageContaining("API key")
                .hasMessageNotContaining(wrong);
    }

    @Test
    void anUnknownModelNameIsReported() {
        OpenAiCompatibleLanguageModel other = new OpenAiCompatibleLanguageModel(
                new OpenAiServer(server.baseUrl(), "llama9", Optional.of(KEY), Duration.ofSeconds(60)));

        assertThatThrownBy(() -> other.generate(QUESTION, PARAMS))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("'llama9'");
    }

    @Test
    void aServerThatIsNotRunningIsReported() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        OpenAiCompatibleLanguageModel down = new OpenAiCompatibleLanguageModel(
                new OpenAiServer("http://127.0.0.1:" + port + "/v1", "tiny", Optional.empty(), Duration.ofSeconds(5)));

        assertThatThrownBy(() -> down.generate(QUESTION, PARAMS))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("Cannot reach the model server at http://127.0.0.1:" + port + "/v1");
    }

    @Test
    void aServerSlowerThanTheTimeoutIsReported() {
        server.delayMs = 3000;

        assertThatThrownBy(() -> client(KEY, Duration.ofSeconds(1)).generate(QUESTION, PARAMS))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("did not answer within 1 s");
    }

    @Test
    void anInterruptCancelsTheRequest() throws InterruptedException {
        AtomicReference<Completion> result = new AtomicReference<>();
        AtomicReference<Thread> callerRef = new AtomicReference<>();
        Thread caller = new Thread(() -> result.set(client(KEY, Duration.ofSeconds(60))
                .generate(
                        QUESTION,
                        PARAMS.withMaxNewTokens(1500),
                        piece -> callerRef.get().interrupt())));
        callerRef.set(caller);
        caller.start();
        caller.join(60_000);

        assertThat(result.get().finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(result.get().text()).isNotEmpty();
    }

    @Test
    void serverSettingsAreCheckedAndNeverShowTheKey() {
        OpenAiServer s = new OpenAiServer("http://localhost:11434", "llama3.2", Optional.of(KEY), null);

        assertThat(s.baseUrl()).isEqualTo("http://localhost:11434/v1");
        assertThat(s.toString()).doesNotContain(KEY).contains("(set)");
        assertThat(new OpenAiServer("https://host/api/v1/", "m", Optional.empty(), null).baseUrl())
                .isEqualTo("https://host/api/v1");
        assertThatThrownBy(() -> new OpenAiServer("ftp://x", "m", Optional.empty(), null))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new OpenAiServer("http://u:p@x/v1", "m", Optional.empty(), null))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new OpenAiServer("http://x/v1", " ", Optional.empty(), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--model-name");
    }
}
