package dev.noesis.jlama.tiny;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.NoesisException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Writes a real Llama-architecture model folder with seeded random weights: {@code config.json},
 * {@code generation_config.json}, a BPE {@code tokenizer.json} with byte fallback,
 * {@code tokenizer_config.json} with a chat template, {@code model.safetensors} and a README.
 * Jlama loads it like any downloaded model. The same shape and seed give byte-identical files.
 *
 * <p>The folder is written beside the target under a temporary name and moved into place at the
 * end, so an interrupted write never leaves a half model where a model is expected.
 */
public final class TinyModelWriter {

    /** The {@code config.json} field that marks a model whose weights are random (its answers are noise). */
    public static final String RANDOM_WEIGHTS = "noesis_random_weights";

    /**
     * The chat template: role markers and an end-of-turn token, in Jinja as Hugging Face uses it.
     * The lab's trained models ship the same one, so that their training prompts are the prompts
     * Jlama renders.
     */
    public static final String CHAT_TEMPLATE = "{% for message in messages %}"
            + "{{ '<|' + message['role'] + '|>\\n' + message['content'] + '<|end|>\\n' }}"
            + "{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|assistant|>\\n' }}{% endif %}";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ModelShape shape;
    private final long seed;

    public TinyModelWriter(ModelShape shape, long seed) {
        this.shape = shape;
        this.seed = seed;
    }

    /** Bytes the weights file will take. */
    public long weightBytes() {
        return weights().dataBytes();
    }

    /**
     * Writes the model into {@code dir}, which must not exist or be empty.
     *
     * @param progress receives the bytes of weights written, chunk by chunk, possibly from several threads
     */
    public Path write(Path dir, LongConsumer progress) {
        Path target = dir.toAbsolutePath().normalize();
        checkTarget(target);
        Path parent = target.getParent();
        Path staging = null;
        try {
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".partial-");
            writeFiles(staging, progress);
            if (Files.isDirectory(target)) {
                Files.delete(target); // empty, checked above
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, target);
            }
            staging = null;
            return target;
        } catch (IOException e) {
            throw new NoesisException("Could not write the model to " + target + ": " + e.getMessage(), e);
        } finally {
            if (staging != null) {
                deleteQuietly(staging);
            }
        }
    }

    private void writeFiles(Path dir, LongConsumer progress) throws IOException {
        SyntheticTokenizer tokenizer = SyntheticTokenizer.build(shape.vocab);
        int endOfTurn = tokenizer.id("<|end|>");
        JSON.writeValue(dir.resolve("config.json").toFile(), config(endOfTurn));
        JSON.writeValue(dir.resolve("generation_config.json").toFile(), generationConfig(endOfTurn));
        JSON.writeValue(dir.resolve("tokenizer.json").toFile(), TokenizerJson.of(tokenizer.vocab, tokenizer.merges));
        JSON.writeValue(dir.resolve("tokenizer_config.json").toFile(), tokenizerConfig());
        Files.writeString(dir.resolve("README.md"), readme(), StandardCharsets.UTF_8);
        weights().write(dir.resolve("model.safetensors"), progress);
    }

    private Map<String, Object> config(int endOfTurn) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("architectures", List.of("LlamaForCausalLM"));
        c.put("model_type", "llama");
        c.put("hidden_size", shape.hidden);
        c.put("intermediate_size", shape.intermediate);
        c.put("num_hidden_layers", shape.layers);
        c.put("num_attention_heads", shape.heads);
        c.put("num_key_value_heads", shape.kvHeads);
        c.put("head_dim", shape.headDim());
        c.put("vocab_size", shape.vocab);
        c.put("max_position_embeddings", shape.context);
        c.put("rms_norm_eps", 1e-5);
        c.put("rope_theta", shape == ModelShape.TINY ? 10000.0 : 500000.0);
        c.put("hidden_act", "silu");
        c.put("bos_token_id", SyntheticTokenizer.BOS);
        c.put("eos_token_id", List.of(SyntheticTokenizer.EOS, endOfTurn));
        c.put("tie_word_embeddings", shape.tiedEmbeddings);
        c.put("torch_dtype", shape.weightType == ModelShape.WeightType.F32 ? "float32" : "bfloat16");
        // Read by the experiment harness, which warns that such a model's scores and gains are noise.
        c.put(RANDOM_WEIGHTS, true);
        return c;
    }

    private static Map<String, Object> generationConfig(int endOfTurn) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("bos_token_id", SyntheticTokenizer.BOS);
        c.put("eos_token_id", List.of(SyntheticTokenizer.EOS, endOfTurn));
        c.put("do_sample", false);
        return c;
    }

    private Map<String, Object> tokenizerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("add_bos_token", true);
        c.put("add_eos_token", false);
        c.put("bos_token", "<s>");
        c.put("eos_token", "</s>");
        c.put("unk_token", "<unk>");
        c.put("legacy", false);
        c.put("model_max_length", shape.context);
        c.put("tokenizer_class", "LlamaTokenizerFast");
        c.put("chat_template", CHAT_TEMPLATE);
        return c;
    }

    private SafetensorsWriter weights() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("generator", "noesis model create-tiny");
        meta.put("shape", shape.id);
        meta.put("seed", Long.toString(seed));
        SafetensorsWriter w = new SafetensorsWriter(shape.weightType, seed, meta);
        long h = shape.hidden;
        long q = (long) shape.heads * shape.headDim();
        long kv = (long) shape.kvHeads * shape.headDim();
        long ff = shape.intermediate;
        // Scaled like common initialisations (standard deviation 1/sqrt(fan-in)) so that random
        // activations neither vanish nor overflow through the layers.
        w.add(SafetensorsWriter.TensorSpec.random("model.embed_tokens.weight", 1.0, shape.vocab, h));
        for (int i = 0; i < shape.layers; i++) {
            String p = "model.layers." + i + ".";
            w.add(SafetensorsWriter.TensorSpec.constant(p + "input_layernorm.weight", 1f, h));
            w.add(SafetensorsWriter.TensorSpec.random(p + "self_attn.q_proj.weight", inv(h), q, h));
            w.add(SafetensorsWriter.TensorSpec.random(p + "self_attn.k_proj.weight", inv(h), kv, h));
            w.add(SafetensorsWriter.TensorSpec.random(p + "self_attn.v_proj.weight", inv(h), kv, h));
            w.add(SafetensorsWriter.TensorSpec.random(p + "self_attn.o_proj.weight", inv(q), h, q));
            w.add(SafetensorsWriter.TensorSpec.constant(p + "post_attention_layernorm.weight", 1f, h));
            w.add(SafetensorsWriter.TensorSpec.random(p + "mlp.gate_proj.weight", inv(h), ff, h));
            w.add(SafetensorsWriter.TensorSpec.random(p + "mlp.up_proj.weight", inv(h), ff, h));
            w.add(SafetensorsWriter.TensorSpec.random(p + "mlp.down_proj.weight", inv(ff), h, ff));
        }
        w.add(SafetensorsWriter.TensorSpec.constant("model.norm.weight", 1f, h));
        if (!shape.tiedEmbeddings) {
            w.add(SafetensorsWriter.TensorSpec.random("lm_head.weight", inv(h), shape.vocab, h));
        }
        return w;
    }

    private static double inv(long fanIn) {
        return 1.0 / Math.sqrt(fanIn);
    }

    private String readme() {
        return "# Noesis " + shape.id + " model (random weights, seed " + seed + ")\n\n"
                + "Written by `noesis model create-tiny --shape " + shape.id + " --seed " + seed + "`.\n"
                + "Its architecture, tokenizer and file layout are those of a real Llama model, but its\n"
                + "weights are random: its output is noise. Use it for tests, the offline demo and\n"
                + "speed measurements (speed does not depend on the weights' values).\n";
    }

    private static void checkTarget(Path target) {
        if (Files.isRegularFile(target)) {
            throw new InvalidInputException(target + " is a file; give a folder to write the model into.");
        }
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new InvalidInputException("The folder " + target + " already exists and is not empty;"
                            + " choose a new folder or delete this one first.");
                }
            } catch (IOException e) {
                throw new InvalidInputException("Cannot read the folder " + target + ": " + e.getMessage(), e);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover .partial folder is harmless and clearly named
        }
    }
}
