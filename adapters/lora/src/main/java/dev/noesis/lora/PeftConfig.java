package dev.noesis.lora;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code adapter_config.json} of a PEFT LoRA adapter, with what Noesis cannot merge refused by
 * name when it is read: {@code modules_to_save} (whole trained copies of layers), DoRA, trained
 * biases, per-layer rank or alpha patterns, and LoRA on the embedding or the output head.
 *
 * @param file           the file it was read from
 * @param rank           {@code r}
 * @param alpha          {@code lora_alpha} (PEFT's default 8 when absent)
 * @param targetModules  {@code target_modules} as a list (each matches a module name or its last parts), empty when a regex
 * @param targetRegex    {@code target_modules} when given as one string: a regular expression the whole module name matches
 * @param rsLora         {@code use_rslora}: scale by alpha/sqrt(r) instead of alpha/r
 * @param fanInFanOut    {@code fan_in_fan_out}: the base stores its weights transposed ({@code [in, out]}, GPT-2's Conv1D)
 * @param baseModel      {@code base_model_name_or_path}, if given
 * @param layers         {@code layers_to_transform}, empty for every layer
 */
public record PeftConfig(
        Path file,
        int rank,
        double alpha,
        List<String> targetModules,
        Optional<Pattern> targetRegex,
        boolean rsLora,
        boolean fanInFanOut,
        Optional<String> baseModel,
        List<Integer> layers) {

    public static final String FILE_NAME = "adapter_config.json";

    /** PEFT's default {@code lora_alpha}. */
    static final double DEFAULT_ALPHA = 8;

    /** Module names whose LoRA is not a delta on a linear layer's weight matrix Noesis can merge. */
    private static final List<String> EMBEDDING_MODULES = List.of("embed_tokens", "lm_head", "wte", "embed_in");

    private static final ObjectMapper JSON = new ObjectMapper();

    public PeftConfig {
        targetModules = List.copyOf(targetModules);
        layers = List.copyOf(layers);
    }

    /** The factor of B·A in the merge: alpha/r, or alpha/sqrt(r) with rsLoRA. */
    public double scale() {
        return rsLora ? alpha / Math.sqrt(rank) : alpha / rank;
    }

    /**
     * Whether PEFT would have put a LoRA on the module with this name (for example
     * {@code model.layers.3.self_attn.q_proj}): the regex matches it whole, or one of the listed
     * names equals it or its last dot-separated parts; and its layer is among {@code layers} when given.
     */
    public boolean targets(String module) {
        boolean named = targetRegex
                .map(p -> p.matcher(module).matches())
                .orElseGet(() -> targetModules.stream().anyMatch(t -> module.equals(t) || module.endsWith("." + t)));
        if (!named || layers.isEmpty()) {
            return named;
        }
        Integer layer = layerOf(module);
        return layer != null && layers.contains(layer);
    }

    private static Integer layerOf(String module) {
        String[] parts = module.split("\\.");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equals("layers") || parts[i].equals("h") || parts[i].equals("layer")) {
                try {
                    return Integer.parseInt(parts[i + 1]);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Reads and checks {@code file}; every problem is an {@link InvalidInputException} naming the file and the field. */
    public static PeftConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("The adapter folder " + file.getParent() + " has no " + FILE_NAME
                    + " (a PEFT LoRA adapter folder holds adapter_config.json and adapter_model.safetensors).");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(
                    "The adapter configuration " + file + " cannot be read as JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("The adapter configuration " + file + " is empty or not a JSON object.");
        }
        return new Reader(file, root).config();
    }

    /** Parses the fields one by one, so that each message names its field. */
    private record Reader(Path file, JsonNode root) {

        PeftConfig config() {
            String type = root.path("peft_type").asText("LORA");
            if (!type.equalsIgnoreCase("LORA")) {
                refuse("peft_type is \"" + type + "\"; only LoRA adapters (peft_type \"LORA\") can be merged");
            }
            if (root.path("use_dora").asBoolean(false)) {
                refuse("use_dora is true; DoRA adapters (weight-decomposed LoRA) are not supported, only plain LoRA");
            }
            JsonNode toSave = root.path("modules_to_save");
            if (toSave.isArray() && !toSave.isEmpty() || toSave.isTextual()) {
                refuse("modules_to_save is " + toSave + "; adapters that carry whole trained copies of modules are"
                        + " not supported, only LoRA deltas");
            }
            String bias = root.path("bias").asText("none");
            if (!bias.equals("none")) {
                refuse("bias is \"" + bias + "\"; adapters that train bias vectors are not supported (bias \"none\")");
            }
            for (String pattern : List.of("rank_pattern", "alpha_pattern")) {
                JsonNode p = root.path(pattern);
                if (p.isObject() && !p.isEmpty()) {
                    refuse(pattern + " is " + p + "; per-module ranks or alphas are not supported");
                }
            }
            int rank = positiveInt("r");
            double alpha = root.has("lora_alpha") && !root.get("lora_alpha").isNull()
                    ? positiveNumber("lora_alpha")
                    : DEFAULT_ALPHA;
            List<String> modules = new ArrayList<>();
            Pattern regex = null;
            JsonNode targets = root.get("target_modules");
            if (targets == null || targets.isNull() || (targets.isArray() && targets.isEmpty())) {
                refuse("target_modules is missing or empty; Noesis needs to know which modules the adapter changes");
            } else if (targets.isTextual()) {
                try {
                    regex = Pattern.compile(targets.asText());
                } catch (PatternSyntaxException e) {
                    refuse("target_modules \"" + targets.asText() + "\" is not a valid regular expression");
                }
            } else if (targets.isArray()) {
                for (JsonNode t : targets) {
                    if (!t.isTextual() || t.asText().isBlank()) {
                        refuse("target_modules holds " + t + "; every entry must be a module name");
                    }
                    modules.add(t.asText());
                }
            } else {
                refuse("target_modules is " + targets + "; expected a list of module names or a regular expression");
            }
            for (String m : modules) {
                String last = m.substring(m.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
                if (EMBEDDING_MODULES.contains(last)) {
                    refuse("target_modules names \"" + m + "\"; LoRA on the embedding or the output head is not"
                            + " supported, only on the linear layers of the transformer blocks");
                }
            }
            JsonNode base = root.get("base_model_name_or_path");
            Optional<String> baseModel =
                    base == null || base.isNull() || base.asText().isBlank()
                            ? Optional.empty()
                            : Optional.of(base.asText());
            return new PeftConfig(
                    file,
                    rank,
                    alpha,
                    modules,
                    Optional.ofNullable(regex),
                    flag("use_rslora"),
                    flag("fan_in_fan_out"),
                    baseModel,
                    layers());
        }

        private List<Integer> layers() {
            JsonNode l = root.get("layers_to_transform");
            List<Integer> out = new ArrayList<>();
            if (l == null || l.isNull()) {
                return out;
            }
            if (l.isInt()) {
                out.add(l.asInt());
                return out;
            }
            if (!l.isArray()) {
                refuse("layers_to_transform is " + l + "; expected a layer number or a list of them");
            }
            for (JsonNode n : l) {
                if (!n.isInt() || n.asInt() < 0) {
                    refuse("layers_to_transform holds " + n + "; expected layer numbers");
                }
                out.add(n.asInt());
            }
            return out;
        }

        private boolean flag(String field) {
            JsonNode v = root.get(field);
            if (v == null || v.isNull()) {
                return false;
            }
            if (!v.isBoolean()) {
                refuse(field + " is " + v + "; expected true or false");
            }
            return v.asBoolean();
        }

        private int positiveInt(String field) {
            JsonNode v = root.get(field);
            if (v == null || v.isNull()) {
                refuse("it has no \"" + field + "\" (the LoRA rank)");
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() <= 0) {
                refuse(field + " is " + v + "; it must be a positive whole number");
            }
            return v.asInt();
        }

        private double positiveNumber(String field) {
            JsonNode v = root.get(field);
            if (!v.isNumber() || !(v.asDouble() > 0) || Double.isInfinite(v.asDouble())) {
                refuse(field + " is " + v + "; it must be a positive number");
            }
            return v.asDouble();
        }

        private void refuse(String why) {
            throw new InvalidInputException("The adapter configuration " + file + " cannot be used: " + why + ".");
        }
    }
}
