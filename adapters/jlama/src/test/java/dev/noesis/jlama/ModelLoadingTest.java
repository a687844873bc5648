package dev.noesis.jlama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.ModelFormatException;
import dev.noesis.core.error.ModelNotFoundException;
import dev.noesis.core.error.Remedy;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Prompt;
import dev.noesis.jlama.testing.TinyModels;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading, sharing and unloading models, and the errors for folders that cannot be loaded. */
class ModelLoadingTest {

    @TempDir
    Path tmp;

    @Test
    void twoModelsLiveInOneJvmAndHandlesOnOneFolderShareIt() {
        GenerationParams p = GenerationParams.DEFAULTS.withMaxNewTokens(20);
        Prompt q = Prompt.of("What grows in spring?");
        int before = ModelRegistry.loadedCount();
        try (JlamaLanguageModel a = JlamaLanguageModel.open(TinyModels.withSeed(11));
                JlamaLanguageModel b = JlamaLanguageModel.open(TinyModels.withSeed(12));
                JlamaLanguageModel a2 = JlamaLanguageModel.open(TinyModels.withSeed(11))) {
            assertThat(ModelRegistry.loadedCount()).isEqualTo(before + 2);
            assertThat(a2.loaded()).isSameAs(a.loaded());
            assertThat(a.generate(q, p).text()).isNotEqualTo(b.generate(q, p).text());
            assertThat(a2.generate(q, p).text()).isEqualTo(a.generate(q, p).text());
        }
        assertThat(ModelRegistry.loadedCount()).isEqualTo(before);
    }

    @Test
    void closingTheLastHandleDeletesTheKvWorkFolder() {
        JlamaLanguageModel m = JlamaLanguageModel.open(TinyModels.withSeed(13));
        m.generate(Prompt.of("hello").withSession("keep"), GenerationParams.DEFAULTS.withMaxNewTokens(3));
        Path work =
                m.loaded().model.getConfig().workingDirectory().orElseThrow().toPath();
        assertThat(work).isDirectory();

        m.close();

        assertThat(work).doesNotExist();
        assertThatThrownBy(() -> m.generate(Prompt.of("x"), GenerationParams.DEFAULTS))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMissingFolderSaysWhatToGiveInstead() {
        assertThatThrownBy(() -> JlamaLanguageModel.open(tmp.resolve("nope")))
                .isInstanceOfSatisfying(
                        ModelNotFoundException.class,
                        e -> assertThat(e.remedy()).isEqualTo(Remedy.of(Remedy.Action.CREATE_MODEL)))
                .hasMessageContaining("No model folder at")
                .hasMessageNotContaining("noesis ");
    }

    @Test
    void aFolderWithoutConfigIsNamed() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("empty"));

        assertThatThrownBy(() -> JlamaLanguageModel.open(dir))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("missing config.json");
    }

    @Test
    void aCutShortWeightsFileIsReportedNotLoaded() throws IOException {
        Path copy = copyOf(TinyModels.standard(), "cut");
        Path weights = copy.resolve("model.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(weights.toFile(), "rw")) {
            f.setLength(f.length() - 1000);
        }

        assertThatThrownBy(() -> JlamaLanguageModel.open(copy))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(weights.toString())
                .hasMessageContaining("cut short");
    }

    @Test
    void aWeightsFileWithAGarbledHeaderIsReported() throws IOException {
        Path copy = copyOf(TinyModels.standard(), "garbled");
        Path weights = copy.resolve("model.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(weights.toFile(), "rw")) {
            f.seek(8);
            f.write("not json at all".getBytes());
        }

        assertThatThrownBy(() -> JlamaLanguageModel.open(copy))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void anUnsupportedArchitectureIsNamedWithTheSupportedOnes() throws IOException {
        Path copy = copyOf(TinyModels.standard(), "arch");
        Path config = copy.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"llama\"", "\"falcon\""));

        assertThatThrownBy(() -> JlamaLanguageModel.open(copy))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("\"falcon\"")
                .hasMessageContaining("llama");
    }

    @Test
    void invalidConfigJsonIsReported() throws IOException {
        Path copy = copyOf(TinyModels.standard(), "badjson");
        Files.writeString(copy.resolve("config.json"), "{ \"model_type\": ");

        assertThatThrownBy(() -> JlamaLanguageModel.open(copy))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("config.json")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void abandonedWorkFoldersOfDeadProcessesAreSwept() throws IOException {
        Path root = tmp.resolve("work");
        Path stale = Files.createDirectories(root.resolve("kv-" + Integer.MAX_VALUE + "-1"));
        Files.writeString(stale.resolve("x.page"), "stale");
        Path live = Files.createDirectories(
                root.resolve("kv-" + ProcessHandle.current().pid() + "-999"));
        JlamaRuntime.useWorkRoot(root);
        try (JlamaLanguageModel m = JlamaLanguageModel.open(TinyModels.withSeed(14))) {
            assertThat(m.contextLength()).isPositive();
            assertThat(stale).doesNotExist();
            assertThat(live).exists();
        } finally {
            JlamaRuntime.useWorkRoot(Path.of(System.getProperty("java.io.tmpdir"), "noesis-work"));
        }
    }

    private Path copyOf(Path model, String name) throws IOException {
        Path target = Files.createDirectory(tmp.resolve(name));
        try (Stream<Path> files = Files.list(model)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }
}
