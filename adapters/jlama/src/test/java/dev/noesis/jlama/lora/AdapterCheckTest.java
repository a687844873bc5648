package dev.noesis.jlama.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.jlama.ModelFolder;
import dev.noesis.jlama.testing.PeftAdapters;
import dev.noesis.jlama.testing.TinyModels;
import dev.noesis.jlama.tiny.ModelShape;
import dev.noesis.jlama.tiny.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An adapter is checked against the base before anything is merged; each refusal names what is wrong. */
class AdapterCheckTest {

    private static final String Q0 = "base_model.model.model.layers.0.self_attn.q_proj";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final Path base = TinyModels.standard();

    private Path adapter(PeftAdapters.Spec spec) {
        return PeftAdapters.write(base, tmp.resolve("adapter"), spec);
    }

    private MergePlan check(Path adapter, boolean force) {
        return MergePlan.of(LoraAdapter.open(adapter), ModelFolder.open(base), force);
    }

    @Test
    void aFittingAdapterIsPlannedForEveryTargetedTensor() {
        MergePlan plan = check(adapter(PeftAdapters.Spec.of(4, 8, 1, "q_proj", "v_proj")), false);

        assertThat(plan.targets()).hasSize(4); // two layers × two modules
        assertThat(plan.targets()).containsKey("model.layers.1.self_attn.v_proj.weight");
        assertThat(plan.mergedBytes()).isEqualTo(2L * (64 * 64 + 32 * 64) * 4);
        assertThat(plan.adapter().config().scale()).isEqualTo(2.0);
    }

    @Test
    void aFactorOfTheWrongShapeIsNamedWithTheShapes() throws IOException {
        Path dir = adapter(PeftAdapters.Spec.of(4, 8, 1, "q_proj"));
        rewrite(dir, Map.of(Q0 + ".lora_A.weight", new long[] {4, 65}));

        assertThatThrownBy(() -> check(dir, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("model.layers.0.self_attn.q_proj.weight has shape [64, 64]")
                .hasMessageContaining(Q0 + ".lora_A.weight [4, 65]")
                .hasMessageContaining("imply [64, 65]");
    }

    @Test
    void fanInFanOutExpectsTheBaseTransposed() throws IOException {
        Path dir = adapter(PeftAdapters.Spec.of(4, 8, 1, "v_proj"));
        editConfig(dir, c -> c.put("fan_in_fan_out", true));

        assertThatThrownBy(() -> check(dir, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("model.layers.0.self_attn.v_proj.weight has shape [32, 64]")
                .hasMessageContaining("imply [64, 32] (fan_in_fan_out: [in, out])");
    }

    @Test
    void factorsOfDifferentRanksAreRefused() throws IOException {
        Path dir = adapter(PeftAdapters.Spec.of(4, 8, 1, "q_proj"));
        rewrite(dir, Map.of(Q0 + ".lora_B.weight", new long[] {64, 3}));

        assertThatThrownBy(() -> LoraAdapter.open(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ranks that disagree")
                .hasMessageContaining("[4, 64]")
                .hasMessageContaining("[64, 3]");
    }

    @Test
    void aRankOtherThanTheConfigurationsIsRefused() throws IOException {
        Path dir = adapter(PeftAdapters.Spec.of(4, 8, 1, "q_proj"));
        editConfig(dir, c -> c.put("r", 8));

        assertThatThrownBy(() -> LoraAdapter.open(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("(rank 4) but adapter_config.json says r 8");
    }

    @Test
    void anAdapterTrainedOnAnotherBaseIsRefusedUnlessForced() {
        Path dir = adapter(PeftAdapters.Spec.of(4, 8, 1, "q_proj").withBaseModel("meta-llama/Llama-3.2-1B"));

        assertThatThrownBy(() -> check(dir, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("trained on \"meta-llama/Llama-3.2-1B\"")
                .hasMessageContaining(base.toString());
        assertThat(check(dir, true).targets()).hasSize(2);
    }

    @Test
    void theBaseNamedByItsFolderNameIsAccepted() {
        Path dir = adapter(PeftAdapters.Spec.of(4, 8, 1, "q_proj").withBaseModel("noesis/" + base.getFileName()));

        assertThat(check(dir, false).targets()).hasSize(2);
    }

    @Test
    void targetedModulesWithoutFactorsAreMissingTensors() throws IOException {
        Path dir = adapter(PeftAdapters.Spec.of(4, 8, 1, "q_proj"));
        editConfig(dir, c -> c.putArray("target_modules").add("q_proj").add("k_proj"));

        assertThatThrownBy(() -> check(dir, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missing tensors")
                .hasMessageContaining("model.layers.0.self_attn.k_proj");
    }

    @Test
    void factorsForAModuleTheBaseLacksAreNamed() throws IOException {
        Path dir = adapter(PeftAdapters.Spec.of(4, 8, 1, "q_proj"));
        editConfig(dir, c -> c.putArray("target_modules").add("q_proj").add("x_proj"));
        rename(dir, Q0, "base_model.model.model.layers.0.self_attn.x_proj");

        assertThatThrownBy(() -> check(dir, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no weight model.layers.0.self_attn.x_proj.weight in the base model");
    }

    @Test
    void anEmptyWeightsFileIsOneClearMessage() throws IOException {
        Path dir = adapter(PeftAdapters.Spec.of(4, 8, 1, "q_proj"));
        Files.write(dir.resolve("adapter_model.safetensors"), new byte[0]);

        assertThatThrownBy(() -> LoraAdapter.open(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("adapter_model.safetensors are empty (0 bytes)");
    }

    @Test
    void anUnreadableConfigurationIsOneClearMessage() throws IOException {
        Path dir = adapter(PeftAdapters.Spec.of(4, 8, 1, "q_proj"));
        Files.writeString(dir.resolve("adapter_config.json"), "{\"r\": 4,");

        assertThatThrownBy(() -> LoraAdapter.open(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("adapter_config.json cannot be read as JSON");
    }

    @Test
    void embeddingLoraTensorsAreRefusedByName() throws IOException {
        Path dir = adapter(PeftAdapters.Spec.of(4, 8, 1, "q_proj"));
        rename(dir, Q0 + ".lora_A", "base_model.model.model.embed_tokens.lora_embedding_A");

        assertThatThrownBy(() -> LoraAdapter.open(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("embedding-layer LoRA");
    }

    /** Rewrites the adapter's weights, giving the named tensors new shapes (filled with zeros). */
    private static void rewrite(Path dir, Map<String, long[]> shapes) throws IOException {
        replaceWeights(dir, (name, raw) -> {
            long[] shape = shapes.getOrDefault(name, raw.shape());
            float[] values = shapes.containsKey(name) ? new float[(int) (shape[0] * shape[1])] : raw.values();
            return SafetensorsWriter.TensorSpec.of(name, values, shape);
        });
    }

    private static void rename(Path dir, String from, String to) throws IOException {
        replaceWeights(
                dir,
                (name, raw) -> SafetensorsWriter.TensorSpec.of(
                        name.startsWith(from) ? to + name.substring(from.length()) : name, raw.values(), raw.shape()));
    }

    private interface Replacement {
        SafetensorsWriter.TensorSpec apply(String name, ReferenceMerge.Raw raw);
    }

    private static void replaceWeights(Path dir, Replacement r) throws IOException {
        Path file = dir.resolve("adapter_model.safetensors");
        Map<String, ReferenceMerge.Raw> tensors = ReferenceMerge.read(file);
        Files.delete(file);
        SafetensorsWriter w = new SafetensorsWriter(ModelShape.WeightType.F32, 0, Map.of());
        tensors.forEach((name, raw) -> w.add(r.apply(name, raw)));
        w.write(file, n -> {});
    }

    private static void editConfig(Path dir, Consumer<ObjectNode> edit) throws IOException {
        Path file = dir.resolve("adapter_config.json");
        ObjectNode config = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept(config);
        JSON.writeValue(file.toFile(), config);
    }
}
