package dev.noesis.jlama.lora;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.jlama.tiny.ModelShape;
import dev.noesis.jlama.tiny.SafetensorsWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The test's own LoRA merge, written without the code under test: reads safetensors files by
 * hand, adds {@code s·B·A} with three plain loops, and writes a complete model folder that
 * Jlama then loads from disk like any other.
 */
final class ReferenceMerge {

    /** A tensor read by hand. */
    record Raw(long[] shape, float[] values) {}

    private ReferenceMerge() {}

    /** Every tensor of an F32 or BF16 safetensors file, in file order. */
    static Map<String, Raw> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buf.getLong();
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) headerLength));
        Map<String, Raw> out = new LinkedHashMap<>();
        for (var e : header.properties()) {
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode t = e.getValue();
            long[] shape = new long[t.get("shape").size()];
            long n = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.get("shape").get(i).asLong();
                n *= shape[i];
            }
            int begin = (int) (8 + headerLength + t.get("data_offsets").get(0).asLong());
            float[] v = new float[(int) n];
            boolean bf16 = t.get("dtype").asText().equals("BF16");
            for (int i = 0; i < n; i++) {
                v[i] = bf16
                        ? Float.intBitsToFloat((buf.getShort(begin + 2 * i) & 0xFFFF) << 16)
                        : buf.getFloat(begin + 4 * i);
            }
            out.put(e.getKey(), new Raw(shape, v));
        }
        return out;
    }

    /**
     * Writes {@code target}: the model of {@code base} with the adapter of {@code adapter} merged
     * at {@code scale}, weights stored as {@code type}.
     */
    static Path write(Path base, Path adapter, double scale, ModelShape.WeightType type, Path target)
            throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(base)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals("model.safetensors")) {
                    Files.copy(f, target.resolve(f.getFileName()));
                }
            }
        }
        Map<String, Raw> weights = read(base.resolve("model.safetensors"));
        Map<String, Raw> lora = read(adapter.resolve("adapter_model.safetensors"));
        SafetensorsWriter w = new SafetensorsWriter(type, 0, Map.of("format", "pt"));
        for (var e : weights.entrySet()) {
            String module = e.getKey().substring(0, e.getKey().length() - ".weight".length());
            Raw a = lora.get("base_model.model." + module + ".lora_A.weight");
            Raw b = lora.get("base_model.model." + module + ".lora_B.weight");
            float[] v = e.getValue().values().clone();
            if (a != null) {
                int rank = (int) a.shape()[0];
                int in = (int) a.shape()[1];
                int out = (int) b.shape()[0];
                for (int o = 0; o < out; o++) {
                    for (int i = 0; i < in; i++) {
                        double ba = 0;
                        for (int k = 0; k < rank; k++) {
                            ba += (double) b.values()[o * rank + k] * a.values()[k * in + i];
                        }
                        v[o * in + i] = (float) (v[o * in + i] + scale * ba);
                    }
                }
            }
            w.add(SafetensorsWriter.TensorSpec.of(e.getKey(), v, e.getValue().shape()));
        }
        w.write(target.resolve("model.safetensors"), n -> {});
        return target;
    }
}
