package dev.noesis.jlama.tiny;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.jlama.ModelFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyModelWriterTest {

    @TempDir
    Path tmp;

    @Test
    void theSameSeedGivesByteIdenticalFiles() throws IOException {
        Path a = new TinyModelWriter(ModelShape.TINY, 5).write(tmp.resolve("a"), b -> {});
        Path b = new TinyModelWriter(ModelShape.TINY, 5).write(tmp.resolve("b"), x -> {});

        List<String> names = fileNames(a);
        assertThat(names)
                .containsExactly(
                        "README.md",
                        "config.json",
                        "generation_config.json",
                        "model.safetensors",
                        "tokenizer.json",
                        "tokenizer_config.json");
        assertThat(fileNames(b)).isEqualTo(names);
        for (String name : names) {
            assertThat(Files.readAllBytes(b.resolve(name))).as(name).isEqualTo(Files.readAllBytes(a.resolve(name)));
        }
    }

    @Test
    void anotherSeedChangesOnlyTheWeights() throws IOException {
        Path a = new TinyModelWriter(ModelShape.TINY, 5).write(tmp.resolve("a"), b -> {});
        Path c = new TinyModelWriter(ModelShape.TINY, 6).write(tmp.resolve("c"), b -> {});

        assertThat(Files.readAllBytes(c.resolve("tokenizer.json")))
                .isEqualTo(Files.readAllBytes(a.resolve("tokenizer.json")));
        assertThat(Files.mismatch(a.resolve("model.safetensors"), c.resolve("model.safetensors")))
                .isNotNegative();
    }

    @Test
    void writesALlamaFolderThatPassesTheChecksWithTheShapesDimensions() throws IOException {
        AtomicLong progress = new AtomicLong();
        TinyModelWriter writer = new TinyModelWriter(ModelShape.TINY, 1);
        Path dir = writer.write(tmp.resolve("m"), progress::addAndGet);

        ModelFolder folder = ModelFolder.open(dir);
        assertThat(folder.modelType()).isEqualTo("llama");
        assertThat(folder.intConfig("hidden_size", 0)).isEqualTo(64);
        assertThat(folder.intConfig("vocab_size", 0)).isEqualTo(1024);
        assertThat(folder.dtypes()).containsExactly("F32");
        assertThat(progress.get()).isEqualTo(writer.weightBytes());
        JsonNode tokenizer =
                new ObjectMapper().readTree(dir.resolve("tokenizer.json").toFile());
        assertThat(tokenizer.at("/model/vocab").size()).isEqualTo(1024);
        assertThat(tokenizer.at("/model/byte_fallback").asBoolean()).isTrue();
        assertThat(tokenizer.at("/model/vocab/<0xE2>").asInt()).isEqualTo(3 + 0xE2);
        assertThat(new ObjectMapper()
                        .readTree(dir.resolve("tokenizer_config.json").toFile())
                        .has("chat_template"))
                .isTrue();
    }

    @Test
    void aRealShapeHasTheRealVocabularyAndParameterCount() {
        SyntheticTokenizer t = SyntheticTokenizer.build(ModelShape.LLAMA_3_2_1B.vocab);

        assertThat(t.vocab).hasSize(128_256);
        assertThat(t.merges).allSatisfy(m -> {
            String[] parts = m.split(" ");
            assertThat(t.vocab).containsKeys(parts[0], parts[1], parts[0] + parts[1]);
        });
        // Llama 3.2 1B has 1.24 billion parameters (embeddings tied).
        assertThat(new TinyModelWriter(ModelShape.LLAMA_3_2_1B, 1).weightBytes() / 2)
                .isBetween(1_230_000_000L, 1_250_000_000L);
    }

    @Test
    void refusesToWriteIntoAFolderThatHoldsFiles() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("full"));
        Files.writeString(dir.resolve("keep.txt"), "mine");

        assertThatThrownBy(() -> new TinyModelWriter(ModelShape.TINY, 1).write(dir, b -> {}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not empty");
        assertThat(dir.resolve("keep.txt")).hasContent("mine");
    }

    @Test
    void bfloat16RoundsToNearestEven() {
        assertThat(SafetensorsWriter.toBFloat16(1.0f)).isEqualTo((short) 0x3F80);
        assertThat(SafetensorsWriter.toBFloat16(-2.0f)).isEqualTo((short) 0xC000);
        // 1 + 2^-8 lies halfway between two bfloat16 values; ties go to the even one (1.0).
        assertThat(SafetensorsWriter.toBFloat16(Float.intBitsToFloat(0x3F808000)))
                .isEqualTo((short) 0x3F80);
        assertThat(SafetensorsWriter.toBFloat16(Float.intBitsToFloat(0x3F818000)))
                .isEqualTo((short) 0x3F82);
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
