package dev.noesis.jlama;

import dev.noesis.core.model.LanguageModel;
import dev.noesis.jlama.testing.TinyModels;
import dev.noesis.testing.LanguageModelContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The LanguageModel contract, on the tiny random-weight model loaded through the real Jlama path. */
class JlamaLanguageModelContractTest extends LanguageModelContract {

    private static JlamaLanguageModel model;

    @BeforeAll
    static void load() {
        model = JlamaLanguageModel.open(TinyModels.standard());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Override
    protected LanguageModel model() {
        return model;
    }

    @Override
    protected int contextLength() {
        return model.contextLength();
    }
}
