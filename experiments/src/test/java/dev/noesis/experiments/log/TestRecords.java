package dev.noesis.experiments.log;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Item records for tests: a plausible GSM8K item under the raw pipeline. */
final class TestRecords {

    static final ModelIdentity MODEL = ModelIdentity.folder("models/tiny-llama", "sha256:0f1e");

    private TestRecords() {}

    static ItemRecord completed(String itemId, String configHash) {
        return completed(itemId, configHash, 0);
    }

    static ItemRecord completed(String itemId, String configHash, long seed) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("temperature", 0.0);
        params.put("max_tokens", 256);
        return new ItemRecord(
                itemId,
                configHash,
                "gsm8k",
                "raw",
                MODEL,
                params,
                seed,
                "She has 3 + 4 = 7 apples.\n#### 7",
                new Extraction("7", "last-number"),
                List.of("7"),
                Map.of("em", 1.0),
                new Usage(120, 18, 1, 640, 655, 0),
                Outcome.COMPLETED,
                null,
                "traces/" + itemId + ".json",
                null);
    }
}
