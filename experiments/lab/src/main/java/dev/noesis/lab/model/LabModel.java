package dev.noesis.lab.model;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.error.ModelFormatException;
import dev.noesis.jlama.SafetensorsFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An exported lab model loaded back into DJL: the reference the Jlama path is compared with. It
 * reads the folder's own {@code config.json}, {@code tokenizer.json} and F32 safetensors.
 */
public final class LabModel implements AutoCloseable {

    private final NDManager manager;
    private final LlamaNet net;
    private final ChatCodec codec;

    private LabModel(NDManager manager, LlamaNet net, ChatCodec codec) {
        this.manager = manager;
        this.net = net;
        this.codec = codec;
    }

    public static LabModel load(Path dir) {
        return load(dir, null);
    }

    /** The model in {@code dir} with the PEFT adapter in {@code adapterDir} applied (none when null). */
    public static LabModel load(Path dir, Path adapterDir) {
        LabShape shape = shape(dir);
        Map<String, float[]> weights = weights(dir.resolve("model.safetensors"));
        JsonNode config = readConfig(dir);
        int endOfTurn = config.path("eos_token_id").path(1).asInt(-1);
        NDManager manager = Engines.newManager();
        try {
            LlamaNet net = LlamaNet.of(shape, weights, manager);
            if (adapterDir != null) {
                net.attachLora(loraSpec(adapterDir), weights(adapterDir.resolve("adapter_model.safetensors")));
            }
            return new LabModel(manager, net, ChatCodec.open(dir, endOfTurn));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The rank, alpha and targets of a PEFT adapter folder's {@code adapter_config.json}. */
    static LoraSpec loraSpec(Path adapterDir) {
        JsonNode c = readJson(adapterDir.resolve("adapter_config.json"));
        java.util.List<String> targets = new java.util.ArrayList<>();
        c.path("target_modules").forEach(t -> targets.add(t.asText()));
        return new LoraSpec(c.path("r").asInt(), c.path("lora_alpha").asDouble(8), targets);
    }

    /** The end-of-turn token of the model in {@code dir}: the second of its {@code eos_token_id}s. */
    static int endOfTurn(Path dir) {
        return readConfig(dir).path("eos_token_id").path(1).asInt(-1);
    }

    /** The greedy answer to one user message. */
    public String answer(String question) {
        return answer("", question);
    }

    /** The greedy answer to one user message under a system text (empty for none). */
    public String answer(String system, String question) {
        int[] ids = net.greedy(
                codec.prompt(system, question),
                LabTraining.MAX_ANSWER_TOKENS,
                LabTraining.stopTokens(codec.endOfTurn()));
        return codec.decode(ids);
    }

    public LabShape shape() {
        return net.shape();
    }

    /** The shape of the model folder {@code dir}, from its {@code config.json}. */
    public static LabShape shape(Path dir) {
        JsonNode c = readConfig(dir);
        return new LabShape(
                "loaded",
                c.path("vocab_size").asInt(),
                c.path("hidden_size").asInt(),
                c.path("intermediate_size").asInt(),
                c.path("num_hidden_layers").asInt(),
                c.path("num_attention_heads").asInt(),
                c.path("max_position_embeddings").asInt(),
                c.path("tie_word_embeddings").asBoolean(false),
                c.path("rope_theta").asDouble(10000.0));
    }

    private static JsonNode readConfig(Path dir) {
        return readJson(dir.resolve("config.json"));
    }

    private static JsonNode readJson(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every F32 tensor of a safetensors file, row-major. */
    static Map<String, float[]> weights(Path file) {
        SafetensorsFile st = SafetensorsFile.read(file);
        Map<String, float[]> out = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (var e : st.tensors().entrySet()) {
                SafetensorsFile.Tensor t = e.getValue();
                if (!t.dtype().equals("F32")) {
                    throw new ModelFormatException(
                            file + ": " + e.getKey() + " is " + t.dtype() + "; the lab reads its own F32 models only.");
                }
                ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(t.end() - t.begin()))
                        .order(ByteOrder.LITTLE_ENDIAN);
                long pos = st.dataOffset() + t.begin();
                while (buf.hasRemaining()) {
                    int n = ch.read(buf, pos);
                    if (n < 0) {
                        throw new ModelFormatException(file + " ends inside " + e.getKey() + ".");
                    }
                    pos += n;
                }
                float[] values = new float[buf.capacity() / 4];
                buf.flip().asFloatBuffer().get(values);
                out.put(e.getKey(), values);
            }
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void close() {
        codec.close();
        net.close();
        manager.close();
    }
}
