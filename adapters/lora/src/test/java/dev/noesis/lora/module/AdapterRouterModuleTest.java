package dev.noesis.lora.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.embedding.Embedder;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.TokenListener;
import dev.noesis.core.module.ModuleEnvironment;
import dev.noesis.core.module.StepContext;
import dev.noesis.core.module.Templates;
import dev.noesis.core.module.ThinkingModule;
import dev.noesis.core.module.ThinkingModuleFactory;
import dev.noesis.core.thought.ThoughtState;
import dev.noesis.lora.AdapterRegistry;
import dev.noesis.lora.TestAdapterFolders;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter-router module, found through the ServiceLoader as the orchestrator finds it. */
class AdapterRouterModuleTest {

    @TempDir
    Path tmp;

    private record Env(AdapterRegistry adapters) implements ModuleEnvironment, AdapterEnvironment {
        @Override
        public Templates templates() {
            throw new UnsupportedOperationException("the router renders no prompt");
        }

        @Override
        public Optional<Embedder> embedder() {
            return Optional.empty();
        }
    }

    private static final class Context implements StepContext {
        final List<String> notes = new ArrayList<>();

        @Override
        public LanguageModel model() {
            throw new UnsupportedOperationException("the router calls no model");
        }

        @Override
        public GenerationParams params() {
            return GenerationParams.DEFAULTS;
        }

        @Override
        public TokenListener answerStream() {
            return TokenListener.NONE;
        }

        @Override
        public void note(String what, String why) {
            notes.add(what + " | " + why);
        }

        @Override
        public String runId() {
            return "run-1";
        }
    }

    @SuppressWarnings("unchecked")
    private static ThinkingModule create(AdapterRouterModule.Config config, ModuleEnvironment env) {
        ThinkingModuleFactory<AdapterRouterModule.Config> factory =
                ServiceLoader.load(ThinkingModuleFactory.class).stream()
                        .map(ServiceLoader.Provider::get)
                        .filter(f -> f.name().equals(AdapterRouterModule.NAME))
                        .findFirst()
                        .orElseThrow();
        return factory.create(config, env);
    }

    private Env registry() throws IOException {
        AdapterRegistry r = new AdapterRegistry(tmp.resolve("home"));
        r.add(
                TestAdapterFolders.write(tmp.resolve("l"), null, 1f),
                AdapterRegistry.AddRequest.copyOf().named("legal").withKeywords(List.of("contract", "court")));
        r.add(
                TestAdapterFolders.write(tmp.resolve("c"), null, 1f),
                AdapterRegistry.AddRequest.copyOf().named("cooking").withKeywords(List.of("recipe")));
        return new Env(r);
    }

    @Test
    void theRouterSetsTheAdapterAndNotesItsScoreAndTheRunnerUp() throws IOException {
        ThinkingModule m = create(new AdapterRouterModule.Config("keyword", null, null, null), registry());
        Context c = new Context();

        ThoughtState s = m.apply(ThoughtState.of("Is a court bound by a contract recipe?"), c);

        assertThat(s.adapter()).isEqualTo("legal");
        assertThat(c.notes)
                .singleElement()
                .asString()
                .startsWith("adapter: legal | keyword: legal (2.000)")
                .contains("runner-up cooking (1.000)");
        assertThat(m.apply(ThoughtState.of("What is the capital of France?"), new Context())
                        .adapter())
                .isNull();
    }

    @Test
    void anAdapterTheRequestNamedIsKept() throws IOException {
        ThinkingModule m = create(new AdapterRouterModule.Config("keyword", null, null, null), registry());
        Context c = new Context();

        ThoughtState s = m.apply(ThoughtState.of("a recipe").withAdapter("legal"), c);

        assertThat(s.adapter()).isEqualTo("legal");
        assertThat(c.notes).singleElement().asString().contains("named by the request");
    }

    @Test
    void explicitNamesAreCheckedWhenThePipelineIsBuilt() throws IOException {
        Env env = registry();
        assertThat(create(new AdapterRouterModule.Config("explicit", null, null, "cooking"), env)
                        .apply(ThoughtState.of("anything"), new Context())
                        .adapter())
                .isEqualTo("cooking");
        assertThatThrownBy(() -> create(new AdapterRouterModule.Config("explicit", null, null, "chem"), env))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("registered: cooking, legal");
    }

    @Test
    void aFallbackThatIsNotRegisteredIsRefusedWhenThePipelineIsBuilt() throws IOException {
        Env env = registry();

        assertThatThrownBy(() -> create(new AdapterRouterModule.Config("keyword", null, "legl", null), env))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("adapter-router fallback \"legl\" is not a registered adapter; registered: cooking, legal;"
                        + " base lets the base model answer.");
        ThinkingModule toLegal = create(new AdapterRouterModule.Config("keyword", null, "legal", null), env);
        assertThat(toLegal.apply(ThoughtState.of("What is the capital of France?"), new Context())
                        .adapter())
                .isEqualTo("legal");
    }

    @Test
    void badConfigurationsAndMissingPartsAreNamed() throws IOException {
        assertThatThrownBy(() -> new AdapterRouterModule.Config("magic", null, null, null))
                .hasMessageContaining("embedding, keyword or explicit");
        assertThatThrownBy(() -> new AdapterRouterModule.Config("embedding", 2.0, null, null))
                .hasMessageContaining("threshold");
        assertThatThrownBy(() -> create(new AdapterRouterModule.Config(null, null, null, null), registry()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("needs a sentence embedder");
        ModuleEnvironment plain = () -> {
            throw new UnsupportedOperationException();
        };
        assertThatThrownBy(() -> create(new AdapterRouterModule.Config("keyword", null, null, null), plain))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("needs the adapter registry");
    }
}
