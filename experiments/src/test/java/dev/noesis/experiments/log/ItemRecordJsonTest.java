package dev.noesis.experiments.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-item record's JSON: its field names (scripts read them), a lossless round trip, and what it refuses. */
class ItemRecordJsonTest {

    @Test
    void aRecordIsOneLineWithTheDocumentedNames() throws Exception {
        String json = LogJson.MAPPER.writeValueAsString(TestRecords.completed("gsm8k-0007", "sha256:ab"));
        assertThat(json).doesNotContain("\n");
        JsonNode tree = LogJson.MAPPER.readTree(json);
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        assertThat(names)
                .containsExactly(
                        "item_id",
                        "config_hash",
                        "suite",
                        "pipeline",
                        "model",
                        "params",
                        "seed",
                        "output",
                        "extracted",
                        "gold",
                        "scores",
                        "usage",
                        "outcome",
                        "error",
                        "trace",
                        "category");
        assertThat(tree.at("/model/location").asText()).isEqualTo("models/tiny-llama");
        assertThat(tree.at("/model/weights_hash").asText()).isEqualTo("sha256:0f1e");
        assertThat(tree.at("/model/served_name").isNull()).isTrue();
        assertThat(tree.at("/extracted/answer").asText()).isEqualTo("7");
        assertThat(tree.at("/extracted/rule").asText()).isEqualTo("last-number");
        assertThat(tree.at("/usage/prompt_tokens").asLong()).isEqualTo(120);
        assertThat(tree.at("/usage/completion_tokens").asLong()).isEqualTo(18);
        assertThat(tree.at("/usage/model_calls").asInt()).isEqualTo(1);
        assertThat(tree.at("/usage/model_ms").asLong()).isEqualTo(640);
        assertThat(tree.at("/usage/wall_ms").asLong()).isEqualTo(655);
        assertThat(tree.at("/usage/cache_hits").asInt()).isZero();
        assertThat(tree.get("outcome").asText()).isEqualTo("completed");
        assertThat(tree.get("error").isNull())
                .as("written as null, not left out")
                .isTrue();
        assertThat(tree.at("/params/max_tokens").asInt()).isEqualTo(256);
    }

    @Test
    void aRecordReadsBackEqual() throws Exception {
        ItemRecord failed = new ItemRecord(
                "hotpot-3",
                "sha256:ab",
                "hotpotqa",
                "rag",
                ModelIdentity.server("http://gpu:8000/v1", "qwen2.5-7b"),
                Map.of("temperature", 0.7),
                2,
                null,
                new Extraction(null, "json:answer"),
                List.of("Paris", "paris"),
                Map.of(),
                new Usage(900, 0, 1, 30_000, 30_020, 0),
                Outcome.FAILED,
                "the model server timed out after 30 s",
                null,
                null);
        ItemRecord back = LogJson.MAPPER.readValue(LogJson.MAPPER.writeValueAsString(failed), ItemRecord.class);
        assertThat(back).isEqualTo(failed);
        assertThat(back.extracted().found()).isFalse();
        assertThat(back.key()).isEqualTo(failed.key());
    }

    @Test
    void theKeyComparesParamsByValue() throws Exception {
        ItemRecord written = TestRecords.completed("q1", "sha256:ab");
        Map<String, Object> sameParams = new LinkedHashMap<>();
        sameParams.put("max_tokens", 256L);
        sameParams.put("temperature", 0);
        ItemRecord sameKey = new ItemRecord(
                "q1",
                "sha256:ab",
                "gsm8k",
                "raw",
                TestRecords.MODEL,
                sameParams,
                0,
                "",
                null,
                null,
                null,
                null,
                Outcome.BUDGET,
                "the token budget ran out",
                null,
                null);
        assertThat(sameKey.key()).isEqualTo(written.key());
        assertThat(LogJson.MAPPER
                        .readValue(LogJson.MAPPER.writeValueAsString(written), ItemRecord.class)
                        .key())
                .isEqualTo(written.key());
        assertThat(TestRecords.completed("q1", "sha256:ab", 1).key())
                .as("another seed")
                .isNotEqualTo(written.key());
    }

    @Test
    void aRecordRefusesWhatWouldMisleadAReport() {
        assertThatThrownBy(() -> new ItemRecord(
                        "q1",
                        "sha256:ab",
                        "gsm8k",
                        "raw",
                        TestRecords.MODEL,
                        Map.of(),
                        0,
                        "x",
                        null,
                        null,
                        Map.of("em", Double.NaN),
                        null,
                        Outcome.COMPLETED,
                        null,
                        null,
                        null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> new ItemRecord(
                        "q1",
                        "sha256:ab",
                        "gsm8k",
                        "raw",
                        TestRecords.MODEL,
                        Map.of(),
                        0,
                        null,
                        null,
                        null,
                        Map.of(),
                        null,
                        Outcome.FAILED,
                        null,
                        null,
                        null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("failed without an error");
        assertThatThrownBy(() -> new ItemRecord(
                        "",
                        "sha256:ab",
                        "gsm8k",
                        "raw",
                        TestRecords.MODEL,
                        Map.of(),
                        0,
                        null,
                        null,
                        null,
                        Map.of(),
                        null,
                        Outcome.COMPLETED,
                        null,
                        null,
                        null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("item id");
        assertThatThrownBy(() -> new ModelIdentity("models/m", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("which weights ran");
        assertThatThrownBy(() -> new Usage(1, 1, 1, 1, 1, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
