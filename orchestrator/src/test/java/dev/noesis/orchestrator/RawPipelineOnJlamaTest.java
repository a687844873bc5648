package dev.noesis.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.model.Completion;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Prompt;
import dev.noesis.jlama.JlamaLanguageModel;
import dev.noesis.jlama.testing.TinyModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The raw pipeline through the real tiny Jlama model. */
class RawPipelineOnJlamaTest {

    @Test
    void theRunAnswersWhatTheModelAnswersAndTracesItsFigures() {
        GenerationParams params = GenerationParams.DEFAULTS.withMaxNewTokens(30);
        try (JlamaLanguageModel model = JlamaLanguageModel.open(TinyModels.standard())) {
            Completion direct = model.generate(Prompt.of("Where should the bridge be built?"), params);
            List<String> streamed = new ArrayList<>();

            RunResult r = new Orchestrator(model)
                    .run(
                            TestPipelines.named("raw"),
                            RunRequest.of("Where should the bridge be built?")
                                    .withParams(params)
                                    .withAnswerListener(streamed::add));

            assertThat(r.completed()).isTrue();
            assertThat(r.answer()).isEqualTo(direct.text());
            assertThat(String.join("", streamed)).isEqualTo(direct.text());
            assertThat(r.usage().promptTokens()).isEqualTo(direct.promptTokens());
            assertThat(r.usage().completionTokens()).isEqualTo(direct.completionTokens());
            assertThat(r.trace().spans().get(0).calls().get(0).finishReason()).isEqualTo(direct.finishReason());
            assertThat(r.usage().modelMs())
                    .isLessThanOrEqualTo(r.trace().spans().get(0).durationMs());
        }
    }
}
