package dev.noesis.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading adapter_config.json: the scale, the targets, and what is refused by name. */
class PeftConfigTest {

    @TempDir
    Path tmp;

    private PeftConfig read(String json) throws IOException {
        Path file = tmp.resolve("adapter_config.json");
        Files.writeString(file, json);
        return PeftConfig.read(file);
    }

    @Test
    void theScaleIsAlphaOverRankOrOverItsRootWithRsLora() throws IOException {
        assertThat(read("{\"r\": 16, \"lora_alpha\": 32, \"target_modules\": [\"q_proj\"]}")
                        .scale())
                .isEqualTo(2.0);
        assertThat(read("{\"r\": 16, \"lora_alpha\": 32, \"use_rslora\": true, \"target_modules\": [\"q_proj\"]}")
                        .scale())
                .isEqualTo(8.0);
        // PEFT's default alpha is 8.
        assertThat(read("{\"r\": 4, \"target_modules\": [\"q_proj\"]}").scale()).isEqualTo(2.0);
    }

    @Test
    void listedTargetsMatchTheLastPartsOfModuleNames() throws IOException {
        PeftConfig c = read("{\"r\": 4, \"target_modules\": [\"q_proj\", \"mlp.down_proj\"],"
                + " \"base_model_name_or_path\": \"meta-llama/Llama-3.2-1B\"}");

        assertThat(c.targets("model.layers.3.self_attn.q_proj")).isTrue();
        assertThat(c.targets("model.layers.3.mlp.down_proj")).isTrue();
        assertThat(c.targets("model.layers.3.self_attn.k_proj")).isFalse();
        assertThat(c.targets("model.layers.3.self_attn.xq_proj")).isFalse();
        assertThat(c.baseModel()).contains("meta-llama/Llama-3.2-1B");
    }

    @Test
    void aRegexTargetMatchesWholeNamesAndLayersCanBeRestricted() throws IOException {
        PeftConfig c = read("{\"r\": 4, \"target_modules\": \".*\\\\.(q|v)_proj\", \"layers_to_transform\": [1]}");

        assertThat(c.targets("model.layers.1.self_attn.v_proj")).isTrue();
        assertThat(c.targets("model.layers.0.self_attn.v_proj")).isFalse();
        assertThat(c.targets("model.layers.1.self_attn.k_proj")).isFalse();
    }

    @Test
    void unsupportedFeaturesAreRefusedByName() {
        assertRefused("{\"r\": 4, \"target_modules\": [\"q_proj\"], \"use_dora\": true}", "use_dora");
        assertRefused(
                "{\"r\": 4, \"target_modules\": [\"q_proj\"], \"modules_to_save\": [\"lm_head\"]}", "modules_to_save");
        assertRefused("{\"r\": 4, \"target_modules\": [\"q_proj\", \"embed_tokens\"]}", "embed_tokens");
        assertRefused("{\"r\": 4, \"target_modules\": [\"q_proj\"], \"bias\": \"all\"}", "bias");
        assertRefused(
                "{\"r\": 4, \"target_modules\": [\"q_proj\"], \"rank_pattern\": {\"q_proj\": 8}}", "rank_pattern");
        assertRefused("{\"r\": 4, \"peft_type\": \"IA3\", \"target_modules\": [\"q_proj\"]}", "peft_type");
    }

    @Test
    void badFieldsAreNamed() {
        assertRefused("{\"target_modules\": [\"q_proj\"]}", "no \"r\"");
        assertRefused("{\"r\": 0, \"target_modules\": [\"q_proj\"]}", "r is 0");
        assertRefused("{\"r\": 4, \"lora_alpha\": -1, \"target_modules\": [\"q_proj\"]}", "lora_alpha is -1");
        assertRefused("{\"r\": 4}", "target_modules is missing");
        assertRefused("[1, 2]", "not a JSON object");
        assertRefused("{\"r\": 4,", "cannot be read as JSON");
    }

    @Test
    void aMissingConfigurationSaysWhatTheFolderShouldHold() {
        assertThatThrownBy(() -> PeftConfig.read(tmp.resolve("adapter_config.json")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has no adapter_config.json")
                .hasMessageContaining("adapter_model.safetensors");
    }

    private void assertRefused(String json, String field) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("adapter_config.json")
                .hasMessageContaining(field);
    }
}
