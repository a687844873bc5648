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
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Noesis over Noesis: the model contract through Noesis's own OpenAI-compatible adapter pointed at
 * the server's {@code raw} pipeline, which must then behave like the model behind it (streaming,
 * exact token limits, stop sequences, seeds, cancellation by interrupt, the context limit,
 * concurrent callers queued). Structured output is left out until the server serves
 * {@code response_format}: it refuses it today, as it must refuse what it does not honour.
 */
@QuarkusTest
@QuarkusTestResource(NoesisHome.class)
@ExtendWith(NoesisOverNoesisContractTest.NotServedYet.class)
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

    /** Skips the contract's structured-output test, which needs {@code response_format} (not served yet). */
    static final class NotServedYet implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getTestMethod()
                    .filter(m -> m.getName().equals("structuredOutputIsValidOrSaysWhyNot"))
                    .map(m -> ConditionEvaluationResult.disabled("response_format is not served yet"))
                    .orElse(ConditionEvaluationResult.enabled("served"));
        }
    }
}
