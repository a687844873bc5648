package dev.noesis.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.GenerationParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoesisConfigTest {

    private static Duration duration(String value) {
        return new FlexibleDuration().convert(value);
    }

    @TempDir
    Path home;

    private NoesisConfig load(Map<String, String> env) {
        Properties system = new Properties();
        system.setProperty("user.home", "/nowhere");
        return NoesisConfig.load(env, system, Map.of());
    }

    @Test
    void theHomeDefaultsToDotNoesisAndEverythingLivesUnderIt() {
        NoesisConfig c = load(Map.of());
        assertThat(c.home()).isEqualTo(Path.of("/nowhere/.noesis"));
        assertThat(c.modelsDir()).isEqualTo(Path.of("/nowhere/.noesis/models"));
        assertThat(c.model()).isEmpty();
        assertThat(c.generation().overrides().over(GenerationParams.DEFAULTS).greedy())
                .isTrue();
    }

    @Test
    void theEnvironmentOverridesTheFile() throws IOException {
        Files.writeString(home.resolve("noesis.properties"), "noesis.model=from-file\nnoesis.threads=2\n");

        NoesisConfig fileOnly = load(Map.of("NOESIS_HOME", home.toString()));
        NoesisConfig withEnv = load(Map.of("NOESIS_HOME", home.toString(), "NOESIS_MODEL", "from-env"));

        assertThat(fileOnly.model()).contains("from-file");
        assertThat(fileOnly.threads()).hasValue(2);
        assertThat(withEnv.model()).contains("from-env");
    }

    @Test
    void hubSettingsFollowTheHuggingFaceVariables() {
        NoesisConfig c = load(Map.of("HF_ENDPOINT", "http://mirror.local", "HF_TOKEN", "hf_x"));
        assertThat(c.hub().endpoint()).isEqualTo("http://mirror.local");
        assertThat(c.hub().token()).contains("hf_x");
        assertThat(load(Map.of()).hub().endpoint()).isEqualTo("https://huggingface.co");
    }

    @Test
    void aHomeGivenAsAFlagMovesEverythingThatLivesUnderTheHome(@TempDir Path other) {
        NoesisConfig c = NoesisConfig.load(
                Map.of("NOESIS_HOME", home.toString()), new Properties(), Map.of("noesis.home", other.toString()));

        assertThat(c.home()).isEqualTo(other.toAbsolutePath().normalize());
        assertThat(c.memoryDir()).startsWithRaw(c.home());
        assertThat(c.indexDir()).startsWithRaw(c.home());
        assertThat(c.modelsDir()).startsWithRaw(c.home());
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> load(Map.of("NOESIS_THREADS", "many")).threads())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("noesis.threads");
        assertThatThrownBy(() ->
                        load(Map.of("NOESIS_GENERATION_TEMPERATURE", "hot")).generation())
                .hasMessageContaining("noesis.generation.temperature");
        assertThatThrownBy(() -> load(Map.of("NOESIS_GENERATION_TOP_P", "NaN")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("noesis.generation.top-p")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() ->
                        load(Map.of("NOESIS_OPENAI_TIMEOUT", "soon")).openai().timeout())
                .hasMessageContaining("noesis.openai.timeout");
    }

    @Test
    void theServersBoundsHaveDefaultsAndRefuseNonsense() {
        NoesisConfig c = load(Map.of("NOESIS_SERVER_MAX_TIME", "90s"));
        assertThat(c.server().apiKeyFile()).isEmpty();
        assertThat(c.server().queue()).isEqualTo(8);
        assertThat(c.server().maxTime()).isEqualTo(Duration.ofSeconds(90));

        assertThatThrownBy(() -> load(Map.of("NOESIS_SERVER_QUEUE", "-1")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("noesis.server.queue");
        assertThatThrownBy(() -> load(Map.of("NOESIS_SERVER_MAX_CALLS", "0")))
                .hasMessageContaining("noesis.server.max-calls");
    }

    @Test
    void durationsTakeCommonForms() {
        assertThat(duration("300")).isEqualTo(Duration.ofSeconds(300));
        assertThat(duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(duration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(duration("PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(duration("250ms")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void retrievalSettingsDefaultUnderTheHomeAndCanBeMoved() {
        NoesisConfig c = load(Map.of("NOESIS_HOME", home.toString()));
        assertThat(c.indexDir()).isEqualTo(home.resolve("index"));
        assertThat(c.embeddings().model()).isEmpty();
        assertThat(c.embeddings().threads()).isEmpty();
        assertThat(c.embeddingsCacheDir()).isEqualTo(home.resolve("models/embeddings"));

        NoesisConfig moved = load(Map.of(
                "NOESIS_HOME",
                home.toString(),
                "NOESIS_INDEX_DIR",
                "/data/idx",
                "NOESIS_EMBEDDINGS_MODEL",
                "all-minilm-l6-v2-q",
                "NOESIS_EMBEDDINGS_THREADS",
                "3"));
        assertThat(moved.indexDir()).isEqualTo(Path.of("/data/idx"));
        assertThat(moved.embeddings().model()).contains("all-minilm-l6-v2-q");
        assertThat(moved.embeddings().threads()).hasValue(3);
        assertThatThrownBy(() -> load(Map.of("NOESIS_EMBEDDINGS_THREADS", "0"))
                        .embeddings()
                        .threads())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("noesis.embeddings.threads");
    }

    @Test
    void flagsAreTheStrongestSource() throws IOException {
        Files.writeString(home.resolve("noesis.properties"), "noesis.model=from-file\nnoesis.threads=2\n");
        Properties system = new Properties();
        system.setProperty("user.home", "/nowhere");
        system.setProperty("noesis.model", "from-system");

        NoesisConfig c = NoesisConfig.load(
                Map.of("NOESIS_HOME", home.toString(), "NOESIS_MODEL", "from-env"),
                system,
                Map.of("noesis.model", "from-flag"));
        NoesisConfig noFlag =
                NoesisConfig.load(Map.of("NOESIS_HOME", home.toString(), "NOESIS_MODEL", "from-env"), system, Map.of());

        assertThat(c.model()).contains("from-flag");
        assertThat(noFlag.model()).contains("from-system");
        assertThat(c.threads()).hasValue(2);
    }

    @Test
    void aBadValueNamesTheKeyTheValueItsSourceAndWhatWasExpected() throws IOException {
        assertThatThrownBy(() -> load(Map.of("NOESIS_THREADS", "many")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "Configuration noesis.threads is \"many\" (from the environment): expected an integer value.");
        assertThatThrownBy(() -> NoesisConfig.load(
                        Map.of("NOESIS_HOME", home.toString()), new Properties(), Map.of("noesis.threads", "0")))
                .hasMessage("Configuration noesis.threads is \"0\" (from command-line flags): must be at least 1.");
        Files.writeString(home.resolve("noesis.properties"), "noesis.generation.temperature=-1\n");
        assertThatThrownBy(() -> load(Map.of("NOESIS_HOME", home.toString())))
                .hasMessageStartingWith("Configuration noesis.generation.temperature is \"-1\" (in "
                        + home.resolve("noesis.properties") + "):")
                .hasMessageContaining("between 0 and 10");
    }

    @Test
    void aKeyNoesisDoesNotKnowIsRefusedNamingTheFile() throws IOException {
        Files.writeString(home.resolve("noesis.properties"), "noesis.modle=typo\n");

        assertThatThrownBy(() -> load(Map.of("NOESIS_HOME", home.toString())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("noesis.modle")
                .hasMessageContaining(home.resolve("noesis.properties").toString())
                .hasMessageContaining("not a Noesis setting");
    }

    @Test
    void valuesAreTakenLiterally() {
        NoesisConfig c = load(Map.of("NOESIS_MEMORY_PASSWORD", "pa${ss}word", "NOESIS_MODEL", "/models/${x}"));
        assertThat(c.memory().password()).contains("pa${ss}word");
        assertThat(c.model()).contains("/models/${x}");
    }

    @Test
    void aHomeThatIsAFileIsBadInput() throws IOException {
        Path file = Files.writeString(home.resolve("not-a-folder"), "x");
        assertThatThrownBy(() -> load(Map.of("NOESIS_HOME", file.toString())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is a file");
    }

    @Test
    void generationSettingsMergeOnceDefaultsThenConfigurationThenTheRequest() {
        NoesisConfig c = load(Map.of("NOESIS_GENERATION_MAX_NEW_TOKENS", "7", "NOESIS_GENERATION_TEMPERATURE", "0.5"));
        Wiring wiring = new Wiring(c, Notices.SILENT);

        GenerationParams p = wiring.generation(dev.noesis.core.model.GenerationOverrides.NONE.withTemperature(0.9));

        assertThat(p.maxNewTokens()).isEqualTo(7);
        assertThat(p.temperature()).isEqualTo(0.9);
        assertThat(p.seed()).isEqualTo(GenerationParams.DEFAULT_SEED);
    }
}
