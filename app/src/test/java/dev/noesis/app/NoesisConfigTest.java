package dev.noesis.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoesisConfigTest {

    @TempDir
    Path home;

    private NoesisConfig load(Map<String, String> env) {
        Properties system = new Properties();
        system.setProperty("user.home", "/nowhere");
        return NoesisConfig.load(env, system);
    }

    @Test
    void theHomeDefaultsToDotNoesisAndEverythingLivesUnderIt() {
        NoesisConfig c = load(Map.of());
        assertThat(c.home()).isEqualTo(Path.of("/nowhere/.noesis"));
        assertThat(c.modelsDir()).isEqualTo(Path.of("/nowhere/.noesis/models"));
        assertThat(c.model()).isEmpty();
        assertThat(c.generation().greedy()).isTrue();
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
        assertThat(c.hubEndpoint()).isEqualTo("http://mirror.local");
        assertThat(c.hubToken()).contains("hf_x");
        assertThat(load(Map.of()).hubEndpoint()).isEqualTo("https://huggingface.co");
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> load(Map.of("NOESIS_THREADS", "many")).threads())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("noesis.threads");
        assertThatThrownBy(() -> load(Map.of("NOESIS_GENERATION_TEMPERATURE", "hot")).generation())
                .hasMessageContaining("noesis.generation.temperature");
        assertThatThrownBy(() -> load(Map.of("NOESIS_OPENAI_TIMEOUT", "soon")).openAiTimeout())
                .hasMessageContaining("noesis.openai.timeout");
    }

    @Test
    void durationsTakeCommonForms() {
        assertThat(NoesisConfig.duration("k", "300")).isEqualTo(Duration.ofSeconds(300));
        assertThat(NoesisConfig.duration("k", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(NoesisConfig.duration("k", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(NoesisConfig.duration("k", "PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(NoesisConfig.duration("k", "250ms")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void retrievalSettingsDefaultUnderTheHomeAndCanBeMoved() {
        NoesisConfig c = load(Map.of("NOESIS_HOME", home.toString()));
        assertThat(c.indexDir()).isEqualTo(home.resolve("index"));
        assertThat(c.embeddingsModel()).isEmpty();
        assertThat(c.embeddingsThreads()).isEmpty();
        assertThat(c.embeddingsCacheDir()).isEqualTo(home.resolve("models/embeddings"));

        NoesisConfig moved = load(Map.of("NOESIS_HOME", home.toString(), "NOESIS_INDEX_DIR", "/data/idx",
                "NOESIS_EMBEDDINGS_MODEL", "all-minilm-l6-v2-q", "NOESIS_EMBEDDINGS_THREADS", "3"));
        assertThat(moved.indexDir()).isEqualTo(Path.of("/data/idx"));
        assertThat(moved.embeddingsModel()).contains("all-minilm-l6-v2-q");
        assertThat(moved.embeddingsThreads()).hasValue(3);
        assertThatThrownBy(() -> load(Map.of("NOESIS_EMBEDDINGS_THREADS", "0")).embeddingsThreads())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("noesis.embeddings.threads");
    }
}
