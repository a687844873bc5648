package dev.noesis.openai;

import dev.noesis.core.model.LanguageModel;
import dev.noesis.jlama.JlamaLanguageModel;
import dev.noesis.jlama.testing.TinyModels;
import dev.noesis.testing.LanguageModelContract;
import dev.noesis.testing.OpenAiFormatServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The model contract over HTTP: the adapter against a real endpoint that answers with the tiny Jlama model. */
class OpenAiCompatibleLanguageModelContractTest extends LanguageModelContract {

    private static JlamaLanguageModel jlama;
    private static OpenAiFormatServer server;
    private static OpenAiCompatibleLanguageModel client;

    @BeforeAll
    static void start() throws IOException {
        jlama = JlamaLanguageModel.open(TinyModels.standard());
        server = new OpenAiFormatServer(jlama, null);
        client = new OpenAiCompatibleLanguageModel(
                new OpenAiServer(server.baseUrl(), "tiny", Optional.empty(), Duration.ofSeconds(120)));
    }

    @AfterAll
    static void stop() {
        server.close();
        jlama.close();
    }

    @Override
    protected LanguageModel model() {
        return client;
    }

    @Override
    protected int contextLength() {
        return jlama.contextLength();
    }
}
