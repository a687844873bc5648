package dev.noesis.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.model.Completion;
import dev.noesis.core.model.Prompt;
import dev.noesis.experiments.log.ModelIdentity;
import dev.noesis.experiments.log.Usage;
import dev.noesis.experiments.report.ArmResult;
import dev.noesis.experiments.run.cache.CachingLanguageModel;
import dev.noesis.experiments.run.cache.ModelCallCache;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import dev.noesis.testing.ScriptedLanguageModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner over a real {@link dev.noesis.core.model.LanguageModel} (the scripted test double) behind
 * the model-call cache, the way the wiring will put them together: a second run of the same experiment
 * in a new folder is answered from the cache, gives the same numbers, and says so in its cache hits.
 */
class ModelArmTest {

    @TempDir
    Path work;

    /** The {@code raw} pipeline: the prompt straight to the model. */
    private static final class RawArms implements ArmFactory {
        final CachingLanguageModel model;

        RawArms(CachingLanguageModel model) {
            this.model = model;
        }

        @Override
        public ModelIdentity identify(String name) {
            return ModelIdentity.folder(name, "sha256:feed");
        }

        @Override
        public Arm open(ArmSpec spec, PreparedSetup setup) {
            return (item, prompt, params) -> {
                CachingLanguageModel view = model.forItem();
                long start = System.nanoTime();
                Completion c = view.generate(Prompt.of(prompt), params);
                return ArmAnswer.completed(
                        c.text(),
                        new Usage(
                                c.promptTokens(),
                                c.completionTokens(),
                                (int) view.calls(),
                                (System.nanoTime() - start) / 1_000_000,
                                0,
                                (int) view.hits()),
                        null);
            };
        }
    }

    @Test
    void aCachedRerunGivesTheSameNumbersAndCountsItsHits() {
        // Knows the code of even questions only.
        ScriptedLanguageModel scripted = new ScriptedLanguageModel(p -> {
            String q = p.messages().getLast().content();
            int code = Integer.parseInt(q.replaceAll("\\D+", ""));
            return code % 2 == 0 ? "a" + code : "unknown";
        });
        ModelCallCache cache = ModelCallCache.open(work.resolve("cache"), 1 << 20);
        CachingLanguageModel model =
                new CachingLanguageModel(scripted, ModelIdentity.folder("models/m", "sha256:feed"), null, cache, true);
        ExperimentSpec spec = ExperimentSpec.builder()
                .suites(List.of("tiny"))
                .pipelines(List.of("raw"))
                .models(List.of("models/m"))
                .limit(20)
                .build();
        Map<String, TinySuite> suites = Map.of("tiny", new TinySuite("tiny", 20));

        ArmResult fresh = ExperimentRunner.builder(spec, suites, new RawArms(model))
                .build()
                .run(work.resolve("a"))
                .results()
                .orElseThrow()
                .arms()
                .getFirst();
        ArmResult cached = ExperimentRunner.builder(spec, suites, new RawArms(model))
                .build()
                .run(work.resolve("b"))
                .results()
                .orElseThrow()
                .arms()
                .getFirst();

        assertThat(scripted.prompts).as("the model was asked once per item").hasSize(20);
        assertThat(fresh.mean()).isEqualTo(0.5);
        assertThat(cached.mean()).isEqualTo(fresh.mean());
        assertThat(cached.tokens()).isEqualTo(fresh.tokens());
        assertThat(fresh.cacheHits()).isZero();
        assertThat(cached.cacheHits()).isEqualTo(20);
        assertThat(cached.modelCalls()).isEqualTo(20);
        assertThat(cached.ciMethod()).isEqualTo("wilson");
    }
}
