package dev.noesis.server;

import dev.noesis.core.model.LanguageModel;
import dev.noesis.openai.OpenAiCompatibleLanguageModel;
import dev.noesis.openai.OpenAiServer;
import dev.noesis.testing.LanguageModelContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/**
 * Noesis over Noesis: the model contract through Noesis's own OpenAI-compatible adapter pointed at
 * the server's {@code raw} pipeline, which must then behave like the model behind it (streaming,
 * exact token limits, stop sequences, seeds, cancellation by interrupt, the context limit,
 * concurrent callers queued) and structured output, which the adapter asks for by
 * {@code response_format} and the server then decodes under the schema.
 */
@QuarkusTest
@QuarkusTestResource(NoesisHome.class)
class NoesisOverNoesisContractTest extends LanguageModelContract {

    @TestHTTPResource("/")
    URL base;

    @Inject
    NoesisService noesis;

    private OpenAiCompatibleLanguageModel client;

    @BeforeEach
    void connect() {
        client = new OpenAiCompatibleLanguageModel(
                new OpenAiServer(base + "v1", "raw", Optional.of(NoesisHome.KEY), Duration.ofSeconds(120)));
    }

    @Override
    protected LanguageModel model() {
        return client;
    }

    @Override
    protected int contextLength() {
        return noesis.resolve("raw").model().contextLength();
    }
}
