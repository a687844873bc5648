package dev.noesis.jlama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noesis.core.error.ModelFormatException;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Prompt;
import dev.noesis.jlama.testing.TinyModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config.json that disagrees with the weights is refused with the tensor and both shapes,
 * before Jlama reads a tensor (a vocab_size beyond the embedding made it read past a memory
 * mapping and kill the JVM; a wider hidden_size ended in an index error mid-forward pass).
 */
class WeightShapeCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aVocabularyAndHiddenSizeLargerThanTheWeightsAreRefusedNamingTheTensor() throws IOException {
        Path model = tinyWith("both", c -> c.put("vocab_size", 5000).put("hidden_size", 128));

        assertThatThrownBy(() -> JlamaLanguageModel.open(model))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tensor model.embed_tokens.weight has shape [1024, 64]")
                .hasMessageContaining("config.json implies [5000, 128]")
                .hasMessageContaining("vocab_size 5000 × hidden_size 128");
    }

    @Test
    void aVocabularyLargerThanTheEmbeddingIsRefused() throws IOException {
        Path model = tinyWith("vocab", c -> c.put("vocab_size", 5000));

        assertThatThrownBy(() -> JlamaLanguageModel.open(model))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(
                        "model.embed_tokens.weight has shape [1024, 64] but config.json implies [5000, 64]");
    }

    @Test
    void aHiddenSizeWiderThanTheWeightsIsRefused() throws IOException {
        Path model = tinyWith("hidden", c -> c.put("hidden_size", 128));

        assertThatThrownBy(() -> JlamaLanguageModel.open(model))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(
                        "model.embed_tokens.weight has shape [1024, 64] but config.json implies [1024, 128]");
    }

    @Test
    void keyValueHeadsAndTheMlpWidthAreChecked() throws IOException {
        Path kv = tinyWith("kv", c -> c.put("num_key_value_heads", 4));
        Path mlp = tinyWith("mlp", c -> c.put("intermediate_size", 256));

        assertThatThrownBy(() -> ModelFolder.open(kv))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tensor model.layers.0.self_attn.k_proj.weight has shape [32, 64]")
                .hasMessageContaining("implies [64, 64] (num_key_value_heads 4 × head size 16");
        assertThatThrownBy(() -> ModelFolder.open(mlp))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tensor model.layers.0.mlp.down_proj.weight has shape [64, 192]")
                .hasMessageContaining("implies [64, 256]");
    }

    @Test
    void theNumberOfLayersMustMatchBothWays() throws IOException {
        Path more = tinyWith("more-layers", c -> c.put("num_hidden_layers", 3));
        Path fewer = tinyWith("fewer-layers", c -> c.put("num_hidden_layers", 1));

        assertThatThrownBy(() -> ModelFolder.open(more))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("no tensor model.layers.2.")
                .hasMessageContaining("num_hidden_layers 3");
        assertThatThrownBy(() -> ModelFolder.open(fewer))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("of layer 1")
                .hasMessageContaining("num_hidden_layers 1");
    }

    @Test
    void anUntiedHeadMustBeInTheWeightsAndATiedOneNeedNot() throws IOException {
        Path untied = withoutHead(tinyWith("untied", c -> c.put("tie_word_embeddings", false)));
        Path tied = withoutHead(tinyWith("tied", c -> c.put("tie_word_embeddings", true)));

        assertThatThrownBy(() -> ModelFolder.open(untied))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tie_word_embeddings false")
                .hasMessageContaining("no lm_head.weight");
        try (JlamaLanguageModel m = JlamaLanguageModel.open(tied)) {
            assertThat(m.generate(Prompt.of("hi"), GenerationParams.DEFAULTS.withMaxNewTokens(3))
                            .completionTokens())
                    .isPositive();
        }
    }

    @Test
    void aNegativeSizeIsNamedNotPassedToJlama() throws IOException {
        Path model = tinyWith("negative", c -> c.put("hidden_size", -8));

        assertThatThrownBy(() -> JlamaLanguageModel.open(model))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("config.json has hidden_size -8; it must be a positive whole number")
                .hasMessageNotContaining("Jlama could not load");
    }

    @Test
    void aHiddenSizeThatHeadsDoNotDivideIsRefused() throws IOException {
        Path model = tinyWith("heads", c -> c.put("num_attention_heads", 3).put("num_key_value_heads", 3));

        assertThatThrownBy(() -> ModelFolder.open(model))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("hidden_size 64, which is not a multiple of num_attention_heads 3");
    }

    @Test
    void theTinyModelAndItsQuantizedCopyPass() {
        Path q4 = ModelQuantizer.quantize(TinyModels.standard(), tmp.resolve("q4"), ModelQuantizer.Target.Q4);

        assertThat(ModelFolder.open(TinyModels.standard()).parameterCount()).isPositive();
        assertThat(ModelFolder.open(q4).dtypes()).contains("Q4");
    }

    /** A copy of the tiny model whose config.json is changed by {@code edit}. */
    private Path tinyWith(String name, Consumer<ObjectNode> edit) throws IOException {
        Path target = Files.createDirectory(tmp.resolve(name));
        try (Stream<Path> files = Files.list(TinyModels.standard())) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        Path config = target.resolve("config.json");
        ObjectNode node = (ObjectNode) JSON.readTree(config.toFile());
        edit.accept(node);
        JSON.writeValue(config.toFile(), node);
        return target;
    }

    /** Renames lm_head.weight in the weights' header to a name of the same length, which nothing reads. */
    private static Path withoutHead(Path model) throws IOException {
        Path weights = model.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        byte[] from = "\"lm_head.weight\"".getBytes(StandardCharsets.US_ASCII);
        byte[] to = "\"lm_head.unused\"".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, from);
        assertThat(at).as("lm_head.weight in the header").isPositive();
        System.arraycopy(to, 0, bytes, at, to.length);
        Files.write(weights, bytes);
        return model;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
