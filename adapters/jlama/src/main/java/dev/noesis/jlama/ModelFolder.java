package dev.noesis.jlama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tjake.jlama.model.ModelSupport;
import dev.noesis.core.error.ModelFormatException;
import dev.noesis.core.error.ModelNotFoundException;
import dev.noesis.core.error.Remedy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A model folder in the layout Jlama loads, checked before anything is loaded: {@code config.json}
 * with a supported {@code model_type}, {@code tokenizer.json}, and complete safetensors weights
 * (one file, or an index and its shards) whose tensor shapes agree with the configuration
 * ({@link WeightShapeCheck}).
 *
 * @param dir     the folder
 * @param config  the parsed {@code config.json}
 * @param weights every weights file, checked
 */
public record ModelFolder(Path dir, JsonNode config, List<SafetensorsFile> weights) {

    public static final String CONFIG = "config.json";
    public static final String TOKENIZER = "tokenizer.json";
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    public static final String SINGLE_WEIGHTS = "model.safetensors";
    public static final String WEIGHTS_INDEX = "model.safetensors.index.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ModelFolder open(Path dir) {
        if (!Files.exists(dir)) {
            throw new ModelNotFoundException(
                    "No model folder at " + dir
                            + " (a model folder holds config.json, tokenizer.json and model.safetensors).",
                    Remedy.of(Remedy.Action.CREATE_MODEL));
        }
        if (!Files.isDirectory(dir)) {
            throw new ModelNotFoundException(dir + " is a file; a model is a folder holding config.json,"
                    + " tokenizer.json and model.safetensors. Give the folder instead.");
        }
        if (!Files.isReadable(dir)) {
            throw new ModelNotFoundException("The model folder " + dir + " cannot be read: check its permissions.");
        }
        JsonNode config = readJson(dir.resolve(CONFIG), "the model's configuration");
        checkModelType(dir, config);
        requireFile(dir.resolve(TOKENIZER), "the tokenizer");
        List<SafetensorsFile> weights = readWeights(dir);
        WeightShapeCheck.check(dir, config.get("model_type").asText(), config, weights);
        return new ModelFolder(dir, config, weights);
    }

    /** Whether {@code dir} looks like a model folder, without checking it in depth. */
    public static boolean looksLikeModel(Path dir) {
        return Files.isRegularFile(dir.resolve(CONFIG));
    }

    public String modelType() {
        return config.path("model_type").asText();
    }

    public int intConfig(String field, int fallback) {
        return config.path(field).asInt(fallback);
    }

    /** Element types of the weights, e.g. [BF16] or [F32, Q4]. */
    public Set<String> dtypes() {
        Set<String> types = new TreeSet<>();
        weights.forEach(w -> w.tensors().values().forEach(t -> types.add(t.dtype())));
        return types;
    }

    /**
     * Parameters of the model. Quantized tensors store their block scales as separate
     * {@code .qb} tensors; those are not parameters and are not counted.
     */
    public long parameterCount() {
        long n = 0;
        for (SafetensorsFile w : weights) {
            for (var e : w.tensors().entrySet()) {
                if (!e.getKey().endsWith(".qb")) {
                    n += e.getValue().elements();
                }
            }
        }
        return n;
    }

    public long weightBytes() {
        return weights.stream().mapToLong(SafetensorsFile::fileLength).sum();
    }

    private static void checkModelType(Path dir, JsonNode config) {
        JsonNode type = config.get("model_type");
        if (type == null || !type.isTextual()) {
            throw new ModelFormatException(dir.resolve(CONFIG) + " has no \"model_type\" field, so Noesis cannot tell"
                    + " which architecture to load. Add it (for Llama models: \"model_type\": \"llama\").");
        }
        try {
            ModelSupport.ModelType.valueOf(type.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> known = new ArrayList<>();
            for (ModelSupport.ModelType t : ModelSupport.ModelType.values()) {
                known.add(t.name().toLowerCase(Locale.ROOT));
            }
            throw new ModelFormatException("The model in " + dir + " has model_type \"" + type.asText()
                    + "\", which Jlama cannot run. Supported: " + String.join(", ", known)
                    + ". Serve it with an OpenAI-compatible server instead and pass its URL.");
        }
    }

    private static List<SafetensorsFile> readWeights(Path dir) {
        Path single = dir.resolve(SINGLE_WEIGHTS);
        Path index = dir.resolve(WEIGHTS_INDEX);
        if (Files.exists(index)) {
            JsonNode map = readJson(index, "the weights index").path("weight_map");
            if (!map.isObject() || map.isEmpty()) {
                throw new ModelFormatException(index + " has no \"weight_map\"; the model's weights cannot be found.");
            }
            Set<String> shards = new LinkedHashSet<>();
            for (Iterator<JsonNode> it = map.elements(); it.hasNext(); ) {
                shards.add(it.next().asText());
            }
            List<SafetensorsFile> files = new ArrayList<>();
            for (String shard : shards) {
                Path file = dir.resolve(shard).normalize();
                if (!file.startsWith(dir.normalize())) {
                    throw new ModelFormatException(index + " names a weights file outside the model folder: " + shard);
                }
                requireFile(file, "a weights shard listed in " + WEIGHTS_INDEX);
                files.add(SafetensorsFile.read(file));
            }
            return List.copyOf(files);
        }
        if (Files.exists(single)) {
            return List.of(SafetensorsFile.read(single));
        }
        throw new ModelFormatException("The model folder " + dir + " has no weights: expected " + SINGLE_WEIGHTS
                + " or " + WEIGHTS_INDEX + ". Only safetensors weights can be loaded.");
    }

    private static JsonNode readJson(Path file, String what) {
        requireFile(file, what);
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new ModelFormatException(file + " (" + what + ") is empty or not a JSON object.");
            }
            return node;
        } catch (IOException e) {
            throw new ModelFormatException(file + " (" + what + ") is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException("The model folder " + file.getParent() + " is missing " + file.getFileName()
                    + " (" + what + "). Is this a complete model folder?");
        }
        if (!Files.isReadable(file)) {
            throw new ModelFormatException(file + " cannot be read: check its permissions.");
        }
    }

    /** The figures {@code noesis model info} shows, in a stable order. */
    public TreeMap<String, Object> describe() {
        TreeMap<String, Object> d = new TreeMap<>();
        d.put("architecture", modelType());
        d.put("hidden_size", intConfig("hidden_size", -1));
        d.put("intermediate_size", intConfig("intermediate_size", -1));
        d.put("layers", intConfig("num_hidden_layers", -1));
        d.put("attention_heads", intConfig("num_attention_heads", -1));
        d.put("kv_heads", intConfig("num_key_value_heads", intConfig("num_attention_heads", -1)));
        d.put("vocab_size", intConfig("vocab_size", -1));
        d.put("context_length", intConfig("max_position_embeddings", -1));
        d.put("weights_dtypes", String.join(",", dtypes()));
        d.put("parameters", parameterCount());
        d.put("weights_bytes", weightBytes());
        d.put("chat_template", Files.exists(dir.resolve(TOKENIZER_CONFIG)) && hasChatTemplate());
        return d;
    }

    private boolean hasChatTemplate() {
        try {
            return JSON.readTree(dir.resolve(TOKENIZER_CONFIG).toFile()).has("chat_template");
        } catch (IOException e) {
            return false;
        }
    }
}
