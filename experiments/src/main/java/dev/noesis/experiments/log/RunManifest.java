package dev.noesis.experiments.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A run folder's {@code manifest.json}: the experiment config the run was started with and its hash,
 * which every item record carries. It is what lets a folder refuse to resume under another config.
 *
 * @param format     {@value #FORMAT}, the version of the run folder's layout
 * @param configHash {@link CanonicalJson#hash} of {@code config}
 * @param config     the experiment config, as given
 * @param created    when the run was started (ISO-8601, UTC)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunManifest(String format, String configHash, JsonNode config, String created) {

    /** The layout this code writes and reads. */
    public static final String FORMAT = "noesis-run/1";

    public RunManifest {
        if (config == null || config.isNull() || config.isMissingNode()) {
            throw new IllegalArgumentException("a run manifest needs the experiment config");
        }
    }

    /** A manifest for a new run of {@code config}. */
    public static RunManifest of(JsonNode config, Instant created) {
        return new RunManifest(FORMAT, CanonicalJson.hash(config), config, created.toString());
    }
}
