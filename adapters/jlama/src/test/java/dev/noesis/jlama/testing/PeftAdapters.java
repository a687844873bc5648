package dev.noesis.jlama.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.noesis.jlama.ModelFolder;
import dev.noesis.jlama.SafetensorsFile;
import dev.noesis.jlama.tiny.ModelShape;
import dev.noesis.jlama.tiny.SafetensorsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes LoRA adapters in PEFT's format for a model folder: {@code adapter_config.json} and an
 * {@code adapter_model.safetensors} of seeded random factors ({@code lora_A} {@code [r, in]},
 * {@code lora_B} {@code [out, r]}, both drawn from [-0.1, 0.1]: unlike PEFT's initialisation, B
 * is not zero, so the adapter changes the model). Shared with other modules' tests through the
 * test jar.
 */
public final class PeftAdapters {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What to write.
     *
     * @param rank      {@code r}
     * @param alpha     {@code lora_alpha}
     * @param targets   {@code target_modules}, e.g. {@code q_proj}, {@code v_proj}
     * @param rsLora    {@code use_rslora}
     * @param seed      the factors' seed
     * @param baseModel {@code base_model_name_or_path}, or null
     */
    public record Spec(int rank, double alpha, List<String> targets, boolean rsLora, long seed, String baseModel) {

        public static Spec of(int rank, double alpha, long seed, String... targets) {
            return new Spec(rank, alpha, List.of(targets), false, seed, null);
        }

        public Spec withRsLora() {
            return new Spec(rank, alpha, targets, true, seed, baseModel);
        }

        public Spec withBaseModel(String name) {
            return new Spec(rank, alpha, targets, rsLora, seed, name);
        }
    }

    private PeftAdapters() {}

    /** Writes the adapter for the model in {@code base} into the new folder {@code dir}. */
    public static Path write(Path base, Path dir, Spec spec) {
        try {
            Files.createDirectories(dir);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("peft_type", "LORA");
            config.put("task_type", "CAUSAL_LM");
            config.put("base_model_name_or_path", spec.baseModel());
            config.put("r", spec.rank());
            config.put("lora_alpha", spec.alpha());
            config.put("lora_dropout", 0.0);
            config.put("target_modules", spec.targets());
            config.put("use_rslora", spec.rsLora());
            config.put("fan_in_fan_out", false);
            config.put("bias", "none");
            config.put("modules_to_save", null);
            config.put("use_dora", false);
            JSON.writeValue(dir.resolve("adapter_config.json").toFile(), config);

            SafetensorsWriter w = new SafetensorsWriter(ModelShape.WeightType.F32, 0, Map.of("format", "pt"));
            SplittableRandom random = new SplittableRandom(spec.seed());
            for (SafetensorsFile f : ModelFolder.open(base).weights()) {
                for (var e : f.tensors().entrySet()) {
                    String name = e.getKey();
                    if (!name.endsWith(".weight") || e.getValue().shape().size() != 2) {
                        continue;
                    }
                    String module = name.substring(0, name.length() - ".weight".length());
                    if (spec.targets().stream().noneMatch(t -> module.endsWith("." + t))) {
                        continue;
                    }
                    long out = e.getValue().shape().get(0);
                    long in = e.getValue().shape().get(1);
                    String prefix = "base_model.model." + module;
                    w.add(SafetensorsWriter.TensorSpec.of(
                            prefix + ".lora_A.weight", uniform(random, spec.rank() * in), spec.rank(), in));
                    w.add(SafetensorsWriter.TensorSpec.of(
                            prefix + ".lora_B.weight", uniform(random, out * spec.rank()), out, spec.rank()));
                }
            }
            w.write(dir.resolve("adapter_model.safetensors"), b -> {});
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float[] uniform(SplittableRandom random, long n) {
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * 0.1);
        }
        return v;
    }
}
