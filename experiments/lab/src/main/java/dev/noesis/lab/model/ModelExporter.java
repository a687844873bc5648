package dev.noesis.lab.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.NoesisException;
import dev.noesis.jlama.tiny.ModelShape;
import dev.noesis.jlama.tiny.SafetensorsWriter;
import dev.noesis.jlama.tiny.TinyModelWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a trained lab model as a model folder Jlama loads: {@code config.json},
 * {@code generation_config.json}, {@code tokenizer.json}, {@code tokenizer_config.json} with the
 * tiny models' chat template, {@code model.safetensors} (F32, through the Jlama adapter's writer)
 * and a README saying what it is.
 */
public final class ModelExporter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelExporter() {}

    /** Everything but the weights: what a codec needs to encode training text before there is a model. */
    public static void writeTokenizer(Path dir, LabShape shape, LabTokenizer tokenizer) throws IOException {
        Files.createDirectories(dir);
        tokenizer.write(dir);
        JSON.writeValue(dir.resolve("tokenizer_config.json").toFile(), tokenizerConfig(shape));
    }

    /**
     * Writes the folder. {@code dir} must not exist, be empty, or hold only files this class writes
     * (which are replaced).
     */
    public static Path export(Path dir, LlamaNet net, LabTokenizer tokenizer, Map<String, String> about) {
        Path target = dir.toAbsolutePath().normalize();
        checkTarget(target);
        LabShape shape = net.shape();
        if (tokenizer.size() != shape.vocab()) {
            throw new InvalidInputException(
                    "The tokenizer has " + tokenizer.size() + " tokens but the model " + shape.vocab() + ".");
        }
        try {
            writeTokenizer(target, shape, tokenizer);
            JSON.writeValue(target.resolve("config.json").toFile(), config(shape, tokenizer.endOfTurn()));
            JSON.writeValue(target.resolve("generation_config.json").toFile(), generationConfig(tokenizer.endOfTurn()));
            writeWeights(target.resolve("model.safetensors"), net, about);
            Files.writeString(target.resolve("README.md"), readme(shape, about), StandardCharsets.UTF_8);
            return target;
        } catch (IOException e) {
            throw new NoesisException("Could not write the model to " + target + ": " + e.getMessage(), e);
        }
    }

    /** The network's weights as an F32 safetensors file, with {@code about} in its metadata. */
    static void writeWeights(Path weights, LlamaNet net, Map<String, String> about) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("generator", "noesis lab train");
        meta.putAll(about);
        SafetensorsWriter w = new SafetensorsWriter(ModelShape.WeightType.F32, 0, meta);
        Map<String, long[]> shapes = LlamaNet.shapes(net.shape());
        net.values().forEach((name, values) -> w.add(SafetensorsWriter.TensorSpec.of(name, values, shapes.get(name))));
        Files.deleteIfExists(weights);
        w.write(weights, n -> {});
    }

    /**
     * The control of a trained model: a folder with its shape, tokenizer and chat template, and
     * the random weights of {@code seed}, marked in {@code config.json} as random weights (the
     * harness then warns that its scores are noise).
     */
    public static Path randomControl(Path trainedDir, long seed, Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        checkTarget(target);
        try {
            Files.createDirectories(target);
            for (String f : List.of("tokenizer.json", "tokenizer_config.json", "generation_config.json")) {
                Files.copy(trainedDir.resolve(f), target.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            com.fasterxml.jackson.databind.node.ObjectNode config = (com.fasterxml.jackson.databind.node.ObjectNode)
                    JSON.readTree(trainedDir.resolve("config.json").toFile());
            config.put(TinyModelWriter.RANDOM_WEIGHTS, true);
            JSON.writeValue(target.resolve("config.json").toFile(), config);
            Map<String, String> about = new LinkedHashMap<>();
            about.put("control of", trainedDir.toString());
            about.put("initialization seed", Long.toString(seed));
            about.put("steps", "0: random weights");
            try (ai.djl.ndarray.NDManager manager = Engines.newManager();
                    LlamaNet net = LlamaNet.initialize(LabModel.shape(trainedDir), seed, manager)) {
                writeWeights(target.resolve("model.safetensors"), net, about);
            }
            Files.writeString(
                    target.resolve("README.md"), readme(LabModel.shape(trainedDir), about), StandardCharsets.UTF_8);
            return target;
        } catch (IOException e) {
            throw new NoesisException("Could not write the control model to " + target + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> config(LabShape s, int endOfTurn) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("architectures", List.of("LlamaForCausalLM"));
        c.put("model_type", "llama");
        c.put("hidden_size", s.hidden());
        c.put("intermediate_size", s.intermediate());
        c.put("num_hidden_layers", s.layers());
        c.put("num_attention_heads", s.heads());
        c.put("num_key_value_heads", s.heads());
        c.put("head_dim", s.headDim());
        c.put("vocab_size", s.vocab());
        c.put("max_position_embeddings", s.context());
        c.put("rms_norm_eps", (double) LlamaNet.NORM_EPS);
        c.put("rope_theta", s.ropeTheta());
        c.put("hidden_act", "silu");
        c.put("bos_token_id", LabTokenizer.BOS);
        c.put("eos_token_id", List.of(LabTokenizer.EOS, endOfTurn));
        c.put("tie_word_embeddings", s.tied());
        c.put("torch_dtype", "float32");
        return c;
    }

    private static Map<String, Object> generationConfig(int endOfTurn) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("bos_token_id", LabTokenizer.BOS);
        c.put("eos_token_id", List.of(LabTokenizer.EOS, endOfTurn));
        c.put("do_sample", false);
        return c;
    }

    private static Map<String, Object> tokenizerConfig(LabShape s) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("add_bos_token", true);
        c.put("add_eos_token", false);
        c.put("bos_token", "<s>");
        c.put("eos_token", "</s>");
        c.put("unk_token", "<unk>");
        c.put("legacy", false);
        c.put("model_max_length", s.context());
        c.put("tokenizer_class", "LlamaTokenizerFast");
        c.put("chat_template", TinyModelWriter.CHAT_TEMPLATE);
        return c;
    }

    private static String readme(LabShape s, Map<String, String> about) {
        StringBuilder sb = new StringBuilder("# Noesis lab model (" + s.id() + ")\n\n");
        sb.append("Trained by `noesis lab train` on a synthetic world: it knows that world's trained facts and\n")
                .append("nothing else. Llama architecture, ")
                .append(s.parameters())
                .append(" parameters, F32.\n\n");
        about.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }

    private static void checkTarget(Path target) {
        if (Files.isRegularFile(target)) {
            throw new InvalidInputException(target + " is a file; give a folder to write the model into.");
        }
        if (Files.isDirectory(target)) {
            // Its own files may be there: the tokenizer written before training, or an earlier
            // export of the same run (a resumed run writes the folder again).
            List<String> allowed = List.of(
                    "tokenizer.json",
                    "tokenizer_config.json",
                    "config.json",
                    "generation_config.json",
                    "model.safetensors",
                    "README.md");
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.anyMatch(p -> !allowed.contains(p.getFileName().toString()))) {
                    throw new InvalidInputException(
                            "The folder " + target + " already holds other files; choose a new folder.");
                }
            } catch (IOException e) {
                throw new InvalidInputException("Cannot read the folder " + target + ": " + e.getMessage(), e);
            }
        }
    }
}
