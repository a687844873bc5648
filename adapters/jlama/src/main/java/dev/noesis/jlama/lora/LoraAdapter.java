package dev.noesis.jlama.lora;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.jlama.SafetensorsFile;
import dev.noesis.lora.PeftConfig;
import dev.noesis.lora.PeftFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEFT LoRA adapter read for merging: its checked configuration and the {@code lora_A} /
 * {@code lora_B} pair of every module it adapts, each pair checked on its own (both present,
 * two-dimensional, same rank, the rank of the configuration, a readable element type). The check
 * against a base model is {@link MergePlan#of}.
 *
 * @param folder the adapter folder
 * @param file   its {@code adapter_model.safetensors}
 * @param pairs  module name to its factors, in module-name order
 */
public record LoraAdapter(PeftFolder folder, SafetensorsFile file, Map<String, LoraPair> pairs) {

    /** PEFT's names: {@code base_model.model.<module>.lora_A.weight}, with an optional adapter name before {@code weight}. */
    private static final Pattern LORA_TENSOR =
            Pattern.compile("base_model\\.model\\.(.+)\\.(lora_A|lora_B)(?:\\.[A-Za-z0-9_-]+)?\\.weight");

    private static final Pattern EMBEDDING_TENSOR = Pattern.compile(".*\\.lora_embedding_[AB](?:\\..*)?");
    private static final Pattern DORA_TENSOR = Pattern.compile(".*\\.lora_magnitude_vector(?:\\..*)?");

    public LoraAdapter {
        pairs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pairs));
    }

    public PeftConfig config() {
        return folder.config();
    }

    public Path dir() {
        return folder.dir();
    }

    /** Reads and checks the adapter in {@code dir}. */
    public static LoraAdapter open(Path dir) {
        PeftFolder folder = PeftFolder.open(dir);
        SafetensorsFile file = SafetensorsFile.read(folder.weights());
        Map<String, SafetensorsFile.Tensor> as = new TreeMap<>();
        Map<String, SafetensorsFile.Tensor> bs = new TreeMap<>();
        Map<String, String> names = new TreeMap<>();
        for (var e : file.tensors().entrySet()) {
            String name = e.getKey();
            if (EMBEDDING_TENSOR.matcher(name).matches()) {
                throw refuse(folder, "tensor " + name + " is an embedding-layer LoRA, which is not supported");
            }
            if (DORA_TENSOR.matcher(name).matches()) {
                throw refuse(folder, "tensor " + name + " is a DoRA magnitude vector; DoRA is not supported");
            }
            Matcher m = LORA_TENSOR.matcher(name);
            if (!m.matches()) {
                throw refuse(
                        folder,
                        "tensor " + name + " is not a LoRA factor (expected base_model.model.<module>.lora_A.weight"
                                + " or .lora_B.weight)");
            }
            SafetensorsFile.Tensor t = e.getValue();
            if (!TensorData.readable(t.dtype())) {
                throw refuse(
                        folder, "tensor " + name + " has element type " + t.dtype() + "; expected F32, BF16 or F16");
            }
            if (t.shape().size() != 2) {
                throw refuse(folder, "tensor " + name + " has shape " + t.shape() + "; LoRA factors are matrices");
            }
            String module = m.group(1);
            Map<String, SafetensorsFile.Tensor> side = m.group(2).equals("lora_A") ? as : bs;
            if (side.put(module, t) != null) {
                throw refuse(folder, "module " + module + " has two " + m.group(2) + " tensors");
            }
            names.put(module + "/" + m.group(2), name);
        }
        if (as.isEmpty() && bs.isEmpty()) {
            throw refuse(folder, "its weights file holds no LoRA tensors");
        }
        int rank = folder.config().rank();
        Map<String, LoraPair> pairs = new LinkedHashMap<>();
        List<String> modules = new ArrayList<>(as.keySet());
        for (String module : bs.keySet()) {
            if (!as.containsKey(module)) {
                throw refuse(folder, "module " + module + " has lora_B but no lora_A tensor");
            }
        }
        for (String module : modules) {
            SafetensorsFile.Tensor a = as.get(module);
            SafetensorsFile.Tensor b = bs.get(module);
            String aName = names.get(module + "/lora_A");
            if (b == null) {
                throw refuse(folder, "module " + module + " has lora_A (" + aName + ") but no lora_B tensor");
            }
            String bName = names.get(module + "/lora_B");
            if (a.shape().get(0) != b.shape().get(1)) {
                throw refuse(
                        folder,
                        "module " + module + " has ranks that disagree: " + aName + " has shape " + a.shape()
                                + " (rank " + a.shape().get(0) + ") but " + bName + " has shape " + b.shape()
                                + " (rank " + b.shape().get(1) + ")");
            }
            if (a.shape().get(0) != rank) {
                throw refuse(
                        folder,
                        "tensor " + aName + " has shape " + a.shape() + " (rank "
                                + a.shape().get(0) + ") but " + PeftConfig.FILE_NAME + " says r " + rank);
            }
            if (!folder.config().targets(module)) {
                throw refuse(
                        folder,
                        "module " + module + " has LoRA tensors but is not among the target_modules of "
                                + PeftConfig.FILE_NAME);
            }
            pairs.put(module, new LoraPair(module, a, b, aName, bName));
        }
        return new LoraAdapter(folder, file, pairs);
    }

    static InvalidInputException refuse(PeftFolder folder, String why) {
        return new InvalidInputException("The adapter in " + folder.dir() + " cannot be used: " + why + ".");
    }
}
