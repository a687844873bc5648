package dev.noesis.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server through LangChain4j's OpenAI chat models, whole and streamed, on the real tiny model. */
@QuarkusTest
@QuarkusTestResource(NoesisHome.class)
class LangChain4jClientTest {

    private static final String QUESTION = "Name three rivers in Europe.";

    @TestHTTPResource("/")
    URL base;

    @Test
    void theStreamedAnswerIsTheWholeAnswer() throws Exception {
        OpenAiChatModel model = OpenAiChatModel.builder()
                .baseUrl(base + "v1")
                .apiKey(NoesisHome.KEY)
                .modelName("raw")
                .temperature(0.0)
                .maxTokens(12)
                .seed(3)
                .timeout(Duration.ofSeconds(60))
                .build();
        OpenAiStreamingChatModel streaming = OpenAiStreamingChatModel.builder()
                .baseUrl(base + "v1")
                .apiKey(NoesisHome.KEY)
                .modelName("raw")
                .temperature(0.0)
                .maxTokens(12)
                .seed(3)
                .timeout(Duration.ofSeconds(60))
                .build();

        ChatResponse whole = model.chat(dev.langchain4j.data.message.UserMessage.from(QUESTION));

        StringBuilder partials = new StringBuilder();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        streaming.chat(QUESTION, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                partials.append(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse streamed = done.get(60, TimeUnit.SECONDS);

        assertThat(whole.aiMessage().text()).isNotEmpty();
        assertThat(partials.toString()).isEqualTo(whole.aiMessage().text());
        assertThat(streamed.aiMessage().text()).isEqualTo(whole.aiMessage().text());
        assertThat(whole.tokenUsage().outputTokenCount()).isBetween(1, 12);
        assertThat(streamed.tokenUsage().outputTokenCount())
                .isEqualTo(whole.tokenUsage().outputTokenCount());
    }
}
