package dev.noesis.experiments.run.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.Message;
import dev.noesis.core.model.Prompt;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.experiments.log.CanonicalJson;
import dev.noesis.experiments.log.ModelIdentity;

/**
 * Everything that can change a model call's output, as one canonical JSON value and its hash: the
 * model's identity (location, weights hash, served name), the adapter, the exact prompt (system text
 * and every message with its role), every generation param (max tokens, temperature, top-p, seed,
 * stop sequences), the structured-output schema, and the kind of call. A session id is left out:
 * it lets a backend reuse work, never changes what it generates.
 *
 * @param json the key, for storing beside the value and checking on reading
 * @param hash its SHA-256, the entry's name
 */
public record CallKey(ObjectNode json, String hash) {

    /** The format of keys and entries; a change of it misses every older entry. */
    static final String VERSION = "noesis-call-cache/1";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param model   which weights
     * @param adapter the LoRA adapter, or null for none
     * @param prompt  the prompt
     * @param params  the generation params
     * @param schema  the structured-output schema, or null for a plain generation
     */
    public static CallKey of(
            ModelIdentity model, String adapter, Prompt prompt, GenerationParams params, JsonSchema schema) {
        ObjectNode k = JSON.createObjectNode();
        k.put("version", VERSION);
        k.put("kind", schema == null ? "generate" : "json");
        k.set("model", JSON.valueToTree(model));
        k.put("adapter", adapter);
        k.put("system", prompt.system());
        ArrayNode messages = k.putArray("messages");
        for (Message m : prompt.messages()) {
            messages.addObject().put("role", m.role().name()).put("content", m.content());
        }
        ObjectNode p = k.putObject("params");
        p.put("max_new_tokens", params.maxNewTokens());
        p.put("temperature", params.temperature());
        p.put("top_p", params.topP());
        p.put("seed", params.seed());
        ArrayNode stops = p.putArray("stop");
        params.stopSequences().forEach(stops::add);
        if (schema == null) {
            k.putNull("schema");
        } else {
            k.set("schema", schema.document());
        }
        return new CallKey(k, CanonicalJson.hash(k).substring("sha256:".length()));
    }

    /** The canonical text of the key. */
    public String canonical() {
        return CanonicalJson.of(json);
    }
}
