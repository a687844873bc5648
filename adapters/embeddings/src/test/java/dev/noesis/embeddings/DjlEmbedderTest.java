package dev.noesis.embeddings;

import static dev.noesis.testing.EmbedderContract.cosine;
import static dev.noesis.testing.EmbedderContract.norm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.error.ModelFormatException;
import dev.noesis.core.error.ModelNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The DJL embedder through the real bundled models, checked against reference vectors written by
 * an independent implementation (LangChain4j's in-process models; see
 * adapters/embeddings/reference/regenerate.sh).
 */
class DjlEmbedderTest {

    private static final double MIN_COSINE = 0.9999;

    @TempDir
    static Path cache;

    private static JsonNode reference;

    @BeforeAll
    static void readReference() throws IOException {
        try (InputStream in = DjlEmbedderTest.class.getResourceAsStream("reference-vectors.json")) {
            reference = new ObjectMapper().readTree(in);
        }
    }

    @ParameterizedTest
    @EnumSource(BundledModel.class)
    void vectorsMatchTheIndependentReference(BundledModel model) {
        List<String> documents = strings(reference.path("documents"));
        List<String> queries = strings(reference.path("queries"));
        JsonNode expected = reference.path("models").path(model.modelName());
        assertThat(expected.isMissingNode())
                .as("reference vectors for " + model.modelName())
                .isFalse();

        // Two threads and batches of 3: the four documents run as a padded batch of three plus one.
        try (DjlEmbedder embedder = Embedders.open(model.modelName(), cache, new DjlEmbedder.Settings(2, 3))) {
            assertThat(embedder.dimensions()).isEqualTo(384);
            List<float[]> docs = embedder.embedDocuments(documents);
            for (int i = 0; i < documents.size(); i++) {
                assertThat(cosine(docs.get(i), vector(expected.path("documents").get(i))))
                        .as(model.modelName() + " document " + i)
                        .isGreaterThanOrEqualTo(MIN_COSINE);
                assertThat(norm(docs.get(i))).isCloseTo(1.0, within(1e-5));
            }
            for (int i = 0; i < queries.size(); i++) {
                assertThat(cosine(
                                embedder.embedQuery(queries.get(i)),
                                vector(expected.path("queries").get(i))))
                        .as(model.modelName() + " query " + i)
                        .isGreaterThanOrEqualTo(MIN_COSINE);
            }
        }
    }

    /** Padded batches (full-precision models) and one-at-a-time runs (quantized ones) give every text its own vector. */
    @ParameterizedTest
    @EnumSource(
            value = BundledModel.class,
            names = {"ALL_MINILM_L6_V2", "ALL_MINILM_L6_V2_Q"})
    void batchingDoesNotChangeVectors(BundledModel model) {
        List<String> texts = List.of(
                "short",
                "a somewhat longer sentence about the boiling point of water",
                "",
                "the mitochondrion is the powerhouse of the cell, as every biology student learns early on");
        try (DjlEmbedder one = Embedders.open(model.modelName(), cache, new DjlEmbedder.Settings(1, 1));
                DjlEmbedder many = Embedders.open(model.modelName(), cache, new DjlEmbedder.Settings(2, 8))) {
            List<float[]> a = one.embedDocuments(texts);
            List<float[]> b = many.embedDocuments(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(cosine(a.get(i), b.get(i))).as("text " + i).isGreaterThan(0.99999);
            }
            assertThat(many.embedDocuments(List.of())).isEmpty();
        }
    }

    @Test
    void aQueryFindsItsPassage() {
        try (DjlEmbedder embedder =
                Embedders.open(BundledModel.DEFAULT.modelName(), cache, DjlEmbedder.Settings.defaults())) {
            List<float[]> docs = embedder.embedDocuments(List.of(
                    "The mitochondrion produces most of the chemical energy that powers a cell.",
                    "Mount Everest is the highest mountain above sea level.",
                    "At altitude the lower air pressure lets water boil below 100 degrees Celsius."));
            float[] q = embedder.embedQuery("why does water boil at a lower temperature in the mountains");
            assertThat(cosine(q, docs.get(2)))
                    .isGreaterThan(cosine(q, docs.get(1)))
                    .isGreaterThan(cosine(q, docs.get(0)));
            assertThat(embedder.name()).isEqualTo("bge-small-en-v1.5-q");
        }
    }

    @Test
    void longTextsAreCutToTheModelsWindow() {
        String longText = "word ".repeat(2000);
        try (DjlEmbedder embedder = Embedders.open("all-minilm-l6-v2-q", cache, new DjlEmbedder.Settings(2, 4))) {
            assertThat(embedder.countTokens(longText)).isEqualTo(256);
            assertThat(embedder.embedDocuments(List.of(longText)).getFirst()).hasSize(384);
        }
    }

    @Test
    void bundledFilesAreExtractedOnceAndRepairedWhenDamaged() throws IOException {
        Path root = cache.resolve("extract-test");
        EmbeddingModelSpec spec = BundledModelFiles.materialize(BundledModel.ALL_MINILM_L6_V2_Q, root);
        FileTime first = Files.getLastModifiedTime(spec.onnx());
        Files.setLastModifiedTime(spec.onnx(), FileTime.fromMillis(first.toMillis() - 60_000));
        FileTime aged = Files.getLastModifiedTime(spec.onnx());

        BundledModelFiles.materialize(BundledModel.ALL_MINILM_L6_V2_Q, root);
        assertThat(Files.getLastModifiedTime(spec.onnx()))
                .as("not copied again")
                .isEqualTo(aged);

        Files.write(spec.onnx(), new byte[] {1, 2, 3});
        BundledModelFiles.materialize(BundledModel.ALL_MINILM_L6_V2_Q, root);
        assertThat(Files.size(spec.onnx()))
                .isEqualTo(BundledModel.ALL_MINILM_L6_V2_Q.onnx().size());
        try (var files = Files.list(spec.onnx().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void aLocalFolderLoadsWithThePoolingItsConfigNames() throws IOException {
        EmbeddingModelSpec bundled = BundledModelFiles.materialize(BundledModel.BGE_SMALL_EN_V15_Q, cache);
        Path dir = Files.createDirectories(cache.resolve("my-bge"));
        Files.copy(bundled.onnx(), dir.resolve("model.onnx"));
        Files.copy(bundled.tokenizer(), dir.resolve("tokenizer.json"));
        Files.createDirectories(dir.resolve("1_Pooling"));
        Files.writeString(
                dir.resolve("1_Pooling/config.json"),
                "{\"pooling_mode_cls_token\": true, \"pooling_mode_mean_tokens\": false}");
        Files.writeString(
                dir.resolve(Embedders.LOCAL_SETTINGS),
                "query-instruction=" + BundledModel.BGE_QUERY_INSTRUCTION + "\n");

        EmbeddingModelSpec local = Embedders.resolve(dir.toString(), cache);
        assertThat(local.pooling()).isEqualTo(Pooling.CLS);
        assertThat(local.dynamicQuantization())
                .as("DynamicQuantizeLinear found in the graph")
                .isTrue();
        assertThat(Embedders.usesDynamicQuantization(BundledModelFiles.materialize(BundledModel.ALL_MINILM_L6_V2, cache)
                        .onnx()))
                .isFalse();
        assertThat(local.name()).isEqualTo(dir.toString());
        try (DjlEmbedder a = DjlEmbedder.open(local, new DjlEmbedder.Settings(2, 8));
                DjlEmbedder b = DjlEmbedder.open(bundled, new DjlEmbedder.Settings(2, 8))) {
            assertThat(cosine(a.embedQuery("boiling water"), b.embedQuery("boiling water")))
                    .isGreaterThan(0.99999);
        }
    }

    @Test
    void theQuantizationOperatorIsFoundAcrossReadBoundaries() throws IOException {
        byte[] name = "DynamicQuantizeLinear".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] bytes = new byte[(1 << 20) + 100];
        System.arraycopy(name, 0, bytes, (1 << 20) - 7, name.length); // straddles the first 1 MiB read
        Path split = Files.write(cache.resolve("split.onnx"), bytes);
        assertThat(Embedders.usesDynamicQuantization(split)).isTrue();
        Path none = Files.write(cache.resolve("none.onnx"), new byte[(1 << 21) + 5]);
        assertThat(Embedders.usesDynamicQuantization(none)).isFalse();
    }

    @Test
    void unknownModelsAndBrokenFoldersAreExplained() throws IOException {
        assertThatThrownBy(() -> Embedders.resolve("no-such-model", cache))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("bge-small-en-v1.5-q")
                .hasMessageContaining("all-minilm-l6-v2-q");
        Path empty = Files.createDirectories(cache.resolve("empty-model"));
        assertThatThrownBy(() -> Embedders.resolve(empty.toString(), cache))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model.onnx")
                .hasMessageContaining(empty.toString());
        Path broken = Files.createDirectories(cache.resolve("broken-model"));
        Files.writeString(broken.resolve("model.onnx"), "not a model");
        Files.copy(
                BundledModelFiles.materialize(BundledModel.ALL_MINILM_L6_V2_Q, cache)
                        .tokenizer(),
                broken.resolve("tokenizer.json"));
        assertThatThrownBy(() -> Embedders.open(broken.toString(), cache, DjlEmbedder.Settings.defaults()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("cannot be loaded");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static float[] vector(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).asDouble();
        }
        return v;
    }
}
