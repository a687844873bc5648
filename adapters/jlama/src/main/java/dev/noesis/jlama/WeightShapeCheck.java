package dev.noesis.jlama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noesis.core.error.ModelFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every weight tensor's shape against what {@code config.json} implies, before Jlama sees
 * the folder. Jlama sizes its buffers from the configuration and then reads the tensors without
 * bounds checks: a {@code vocab_size} larger than the embedding makes it read past a memory
 * mapping (the JVM dies in native code), a {@code hidden_size} that disagrees ends in an index
 * error deep inside a forward pass. Here the tensor is named with both shapes instead.
 *
 * <p>The shapes are those of the Llama layout, which Jlama's Llama, Mistral, Qwen2, Granite,
 * Gemma, Gemma 2 and Mixtral models all read. The head size is {@code hidden_size /
 * num_attention_heads}, as Jlama computes it; only Gemma 2 takes {@code head_dim} from the
 * configuration. Other architectures (GPT-2, BERT) name their tensors differently and get only the
 * check that their sizes are positive.
 */
final class WeightShapeCheck {

    private static final Set<String> LLAMA_LAYOUT =
            Set.of("llama", "mistral", "qwen2", "granite", "gemma", "gemma2", "mixtral");
    private static final List<String> SIZE_FIELDS = List.of(
            "hidden_size",
            "intermediate_size",
            "num_hidden_layers",
            "num_attention_heads",
            "num_key_value_heads",
            "vocab_size",
            "max_position_embeddings",
            "head_dim");
    private static final List<String> REQUIRED_FIELDS =
            List.of("hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads", "vocab_size");
    private static final Pattern LAYER = Pattern.compile("(?:model\\.)?layers\\.(\\d+)\\.(.+)");
    private static final Pattern EXPERT = Pattern.compile("block_sparse_moe\\.experts\\.\\d+\\.(w[123])\\.weight");

    private final Path dir;
    private final String modelType;
    private final JsonNode config;

    private WeightShapeCheck(Path dir, String modelType, JsonNode config) {
        this.dir = dir;
        this.modelType = modelType.toLowerCase(Locale.ROOT);
        this.config = config;
    }

    /** Refuses, with a {@link ModelFormatException} naming the tensor and both shapes, weights that do not fit the configuration. */
    static void check(Path dir, String modelType, JsonNode config, List<SafetensorsFile> weights) {
        new WeightShapeCheck(dir, modelType, config).run(weights);
    }

    private void run(List<SafetensorsFile> weights) {
        boolean llamaLayout = LLAMA_LAYOUT.contains(modelType);
        for (String field : SIZE_FIELDS) {
            if (config.has(field) || (llamaLayout && REQUIRED_FIELDS.contains(field))) {
                size(field);
            }
        }
        if (!llamaLayout) {
            return;
        }
        Map<String, SafetensorsFile.Tensor> tensors = new HashMap<>();
        for (SafetensorsFile file : weights) {
            tensors.putAll(file.tensors());
        }
        Dims d = dims();
        require(tensors, "embed_tokens.weight", "vocab_size and hidden_size");
        // The embedding first (a wrong vocab_size or hidden_size shows there), then in name order.
        List<String> names = new ArrayList<>(tensors.keySet());
        names.sort(Comparator.comparing((String n) -> !n.endsWith("embed_tokens.weight"))
                .thenComparing(n -> n));
        for (String name : names) {
            Matcher layer = LAYER.matcher(name);
            if (layer.matches() && Integer.parseInt(layer.group(1)) >= d.layers) {
                throw refuse(
                        "the weights hold tensor " + name + ", of layer " + layer.group(1) + ", but config.json says"
                                + " num_hidden_layers " + d.layers + " (layers 0 to " + (d.layers - 1) + ")");
            }
            List<Long> shape = tensors.get(name).shape();
            Expected expected = expected(name, d);
            if (expected != null && !expected.matches(shape)) {
                throw refuse("tensor " + name + " has shape " + shape + " but config.json implies " + expected.shape
                        + " (" + expected.why + ")");
            }
        }
        for (int i = 0; i < d.layers; i++) {
            for (String part : layerParts()) {
                require(tensors, "layers." + i + "." + part, "num_hidden_layers " + d.layers);
            }
        }
        if (!d.tied && !tensors.containsKey("lm_head.weight")) {
            throw refuse("config.json says the output head is separate from the embedding (tie_word_embeddings false)"
                    + " but the weights have no lm_head.weight");
        }
    }

    /** The figures the expected shapes are made of, from config.json. */
    private record Dims(
            long vocab,
            long hidden,
            long heads,
            long kvHeads,
            long headDim,
            long intermediate,
            int layers,
            boolean tied,
            long experts) {}

    private Dims dims() {
        long hidden = size("hidden_size");
        long heads = size("num_attention_heads");
        long kvHeads = config.has("num_key_value_heads") ? size("num_key_value_heads") : heads;
        long headDim;
        if (modelType.equals("gemma2") && config.has("head_dim")) {
            headDim = size("head_dim");
        } else {
            if (hidden % heads != 0) {
                throw refuse(
                        "config.json has hidden_size " + hidden + ", which is not a multiple of num_attention_heads "
                                + heads + "; Jlama's head size is hidden_size / num_attention_heads");
            }
            headDim = hidden / heads;
        }
        if (heads % kvHeads != 0) {
            throw refuse("config.json has num_attention_heads " + heads + ", which is not a multiple of"
                    + " num_key_value_heads " + kvHeads);
        }
        // Hugging Face's default is a tied head; Gemma's is always tied.
        boolean tied = config.path("tie_word_embeddings").asBoolean(true) || modelType.startsWith("gemma");
        long experts = config.path("num_local_experts").asLong(0);
        return new Dims(
                size("vocab_size"),
                hidden,
                heads,
                kvHeads,
                headDim,
                size("intermediate_size"),
                Math.toIntExact(size("num_hidden_layers")),
                tied,
                experts);
    }

    /** A size field of config.json, which must be a positive whole number. */
    private long size(String field) {
        JsonNode v = config.get(field);
        if (v == null || v.isNull()) {
            throw refuse("config.json has no \"" + field + "\"");
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() <= 0) {
            throw refuse("config.json has " + field + " " + v + "; it must be a positive whole number");
        }
        return v.asLong();
    }

    private List<String> layerParts() {
        List<String> attention = List.of(
                "input_layernorm.weight",
                "self_attn.q_proj.weight",
                "self_attn.k_proj.weight",
                "self_attn.v_proj.weight",
                "self_attn.o_proj.weight",
                "post_attention_layernorm.weight");
        if (modelType.equals("mixtral")) {
            return attention;
        }
        return concat(attention, List.of("mlp.gate_proj.weight", "mlp.up_proj.weight", "mlp.down_proj.weight"));
    }

    /** Refuses weights without {@code name}, under the usual {@code model.} prefix or without it. */
    private void require(Map<String, SafetensorsFile.Tensor> tensors, String name, String implied) {
        if (!tensors.containsKey("model." + name) && !tensors.containsKey(name)) {
            throw refuse("the weights have no tensor model." + name + ", which config.json implies (" + implied + ")");
        }
    }

    /** A shape config.json implies, and which fields it comes from. */
    private record Expected(List<Long> shape, String why) {
        static Expected of(String why, long... dims) {
            Long[] boxed = new Long[dims.length];
            for (int i = 0; i < dims.length; i++) {
                boxed[i] = dims[i];
            }
            return new Expected(List.of(boxed), why);
        }

        /** Norm weights are vectors; Jlama's quantizer stores them as one-row matrices, which load the same. */
        boolean matches(List<Long> actual) {
            if (actual.equals(shape)) {
                return true;
            }
            return shape.size() == 1
                    && actual.size() == 2
                    && actual.get(0) == 1
                    && actual.get(1).equals(shape.get(0));
        }
    }

    /** The shape config.json implies for a tensor of the Llama layout, or null for a tensor it says nothing about. */
    private static Expected expected(String name, Dims d) {
        long q = d.heads * d.headDim;
        long kv = d.kvHeads * d.headDim;
        String qWhy = "num_attention_heads " + d.heads + " × head size " + d.headDim + ", hidden_size " + d.hidden;
        String kvWhy = "num_key_value_heads " + d.kvHeads + " × head size " + d.headDim + ", hidden_size " + d.hidden;
        switch (name) {
            case "model.embed_tokens.weight", "embed_tokens.weight", "lm_head.weight":
                return Expected.of("vocab_size " + d.vocab + " × hidden_size " + d.hidden, d.vocab, d.hidden);
            case "model.norm.weight", "norm.weight":
                return Expected.of("hidden_size " + d.hidden, d.hidden);
            default:
                break;
        }
        Matcher layer = LAYER.matcher(name);
        if (!layer.matches()) {
            return null;
        }
        String part = layer.group(2);
        Matcher expert = EXPERT.matcher(part);
        if (expert.matches()) {
            String why = "intermediate_size " + d.intermediate + ", hidden_size " + d.hidden;
            return expert.group(1).equals("w2")
                    ? Expected.of(why, d.hidden, d.intermediate)
                    : Expected.of(why, d.intermediate, d.hidden);
        }
        return switch (part) {
            case "input_layernorm.weight",
                    "post_attention_layernorm.weight",
                    "pre_feedforward_layernorm.weight",
                    "post_feedforward_layernorm.weight" -> Expected.of("hidden_size " + d.hidden, d.hidden);
            case "self_attn.q_proj.weight" -> Expected.of(qWhy, q, d.hidden);
            case "self_attn.k_proj.weight", "self_attn.v_proj.weight" -> Expected.of(kvWhy, kv, d.hidden);
            case "self_attn.o_proj.weight" -> Expected.of(qWhy, d.hidden, q);
            case "self_attn.q_proj.bias" -> Expected.of(qWhy, q);
            case "self_attn.k_proj.bias", "self_attn.v_proj.bias" -> Expected.of(kvWhy, kv);
            case "mlp.gate_proj.weight", "mlp.up_proj.weight" ->
                Expected.of(
                        "intermediate_size " + d.intermediate + ", hidden_size " + d.hidden, d.intermediate, d.hidden);
            case "mlp.down_proj.weight" ->
                Expected.of(
                        "hidden_size " + d.hidden + ", intermediate_size " + d.intermediate, d.hidden, d.intermediate);
            case "block_sparse_moe.gate.weight" ->
                d.experts > 0
                        ? Expected.of(
                                "num_local_experts " + d.experts + ", hidden_size " + d.hidden, d.experts, d.hidden)
                        : null;
            default -> null;
        };
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private ModelFormatException refuse(String why) {
        return new ModelFormatException("The model in " + dir + " does not match its configuration: " + why + ".");
    }
}
