package dev.noesis.lab.model;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.NoesisException;
import dev.noesis.jlama.tiny.ModelShape;
import dev.noesis.jlama.tiny.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes the LoRA adapter attached to a {@link LlamaNet} as a PEFT adapter folder:
 * {@code adapter_config.json} and {@code adapter_model.safetensors} with
 * {@code base_model.model.<module>.lora_A.weight} {@code [r, in]} and {@code .lora_B.weight}
 * {@code [out, r]}, as PEFT saves a LoRA of a {@code LlamaForCausalLM}.
 */
public final class PeftExporter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PeftExporter() {}

    /**
     * @param baseModel the base model's name or folder, written to {@code base_model_name_or_path}
     */
    public static Path export(Path dir, LlamaNet net, String baseModel, Map<String, String> about) {
        LoraSpec spec = net.loraSpec();
        if (spec == null) {
            throw new IllegalStateException("no adapter is attached to the model");
        }
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new InvalidInputException(
                            "The folder " + target + " already exists and is not empty; choose a new folder.");
                }
            } catch (IOException e) {
                throw new InvalidInputException("Cannot read the folder " + target + ": " + e.getMessage(), e);
            }
        }
        try {
            Files.createDirectories(target);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("peft_type", "LORA");
            c.put("task_type", "CAUSAL_LM");
            c.put("base_model_name_or_path", baseModel);
            c.put("r", spec.rank());
            c.put("lora_alpha", spec.alpha());
            c.put("lora_dropout", 0.0);
            c.put("target_modules", spec.targets());
            c.put("bias", "none");
            c.put("fan_in_fan_out", false);
            c.put("use_rslora", false);
            c.put("use_dora", false);
            c.put("modules_to_save", null);
            c.put("inference_mode", true);
            JSON.writeValue(target.resolve("adapter_config.json").toFile(), c);
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("format", "pt");
            meta.put("generator", "noesis lab train");
            meta.putAll(about);
            SafetensorsWriter w = new SafetensorsWriter(ModelShape.WeightType.F32, 0, meta);
            for (var e : net.trainable().entrySet()) {
                NDArray a = e.getValue();
                w.add(SafetensorsWriter.TensorSpec.of(
                        e.getKey(), a.toFloatArray(), a.getShape().getShape()));
            }
            w.write(target.resolve("adapter_model.safetensors"), n -> {});
            return target;
        } catch (IOException e) {
            throw new NoesisException("Could not write the adapter to " + target + ": " + e.getMessage(), e);
        }
    }

    /** The module names the adapter covers, for messages and reports. */
    static List<String> modules(LlamaNet net) {
        return net.trainable().keySet().stream()
                .filter(k -> k.endsWith(".lora_A.weight"))
                .map(k -> k.substring("base_model.model.".length(), k.length() - ".lora_A.weight".length()))
                .toList();
    }
}
