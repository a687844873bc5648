package dev.noesis.experiments.log;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Which model produced an output, precisely enough that two runs with the same identity ran the same
 * weights: an in-process model by its folder and the hash of its weights, a model server by its URL
 * and the model name it serves.
 *
 * @param location    the model folder, hub id or server URL
 * @param weightsHash the hash of the weights files, or null for a server (which does not expose them)
 * @param servedName  the model name sent to a server, or null for an in-process model
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelIdentity(String location, String weightsHash, String servedName) {

    public ModelIdentity {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("a model identity needs the model's location");
        }
        if ((weightsHash == null || weightsHash.isBlank()) && (servedName == null || servedName.isBlank())) {
            throw new IllegalArgumentException("a model identity needs the weights' hash or the served model's name: "
                    + location + " alone does not say which weights ran");
        }
    }

    /** An in-process model: its folder (or hub id) and the hash of its weights. */
    public static ModelIdentity folder(String location, String weightsHash) {
        return new ModelIdentity(location, weightsHash, null);
    }

    /** A model server: its URL and the name of the model it serves. */
    public static ModelIdentity server(String url, String modelName) {
        return new ModelIdentity(url, null, modelName);
    }
}
