package dev.noesis.jlama.lora;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.jlama.ModelFolder;
import dev.noesis.jlama.SafetensorsFile;
import dev.noesis.jlama.WeightOverride;
import dev.noesis.lora.PeftConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * An adapter checked against the base model it is to be merged into, and the arithmetic of the
 * merge. Checked, before anything is merged: the base model the adapter names is the one given
 * (unless forced), every adapted module's weight exists in the base with the shape the factors
 * imply, every module the configuration targets has its factors, and the base tensors are F32 or
 * BF16 (a quantized base cannot take an exact delta).
 *
 * @param adapter the adapter
 * @param base    the base model
 * @param targets base tensor name to what goes into it, in the base's order
 */
public record MergePlan(LoraAdapter adapter, ModelFolder base, Map<String, Target> targets) implements WeightOverride {

    /** One base tensor and the factors whose product is added to it. */
    public record Target(LoraPair pair, SafetensorsFile baseFile, SafetensorsFile.Tensor baseTensor) {

        /** Bytes the merged copy of this tensor takes (same element type as the base). */
        public long mergedBytes() {
            return baseTensor.end() - baseTensor.begin();
        }
    }

    public MergePlan {
        targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    }

    /**
     * Checks {@code adapter} against {@code base}. With {@code force}, a different base model named
     * in the adapter's configuration is accepted; shapes never are.
     */
    public static MergePlan of(LoraAdapter adapter, ModelFolder base, boolean force) {
        PeftConfig config = adapter.config();
        if (!force) {
            config.baseModel().ifPresent(named -> checkBaseName(adapter, base, named));
        }
        Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
        Map<String, SafetensorsFile.Tensor> tensors = new LinkedHashMap<>();
        for (SafetensorsFile f : base.weights()) {
            for (var e : f.tensors().entrySet()) {
                tensors.put(e.getKey(), e.getValue());
                fileOf.put(e.getKey(), f);
            }
        }
        Map<String, Target> targets = new LinkedHashMap<>();
        for (LoraPair pair : adapter.pairs().values()) {
            String name = pair.baseTensor();
            SafetensorsFile.Tensor w = tensors.get(name);
            if (w == null) {
                throw refuse(
                        adapter,
                        base,
                        "module " + pair.module() + " (" + pair.aName() + ") has no weight " + name + " in the base"
                                + " model");
            }
            if (!w.dtype().equals("F32") && !w.dtype().equals("BF16")) {
                throw refuse(
                        adapter,
                        base,
                        "the base tensor " + name + " is " + w.dtype() + "; adapters merge into F32 or BF16 weights"
                                + " only (merge into the unquantized model, then quantize the result)");
            }
            List<Long> expected =
                    config.fanInFanOut() ? List.of(pair.in(), pair.out()) : List.of(pair.out(), pair.in());
            if (!w.shape().equals(expected)) {
                throw refuse(
                        adapter,
                        base,
                        "the base tensor " + name + " has shape " + w.shape() + " but " + pair.aName() + " "
                                + pair.a().shape() + " and " + pair.bName() + " "
                                + pair.b().shape() + " imply "
                                + expected + (config.fanInFanOut() ? " (fan_in_fan_out: [in, out])" : " ([out, in])"));
            }
            targets.put(name, new Target(pair, fileOf.get(name), w));
        }
        for (var e : tensors.entrySet()) {
            String name = e.getKey();
            if (!name.endsWith(".weight") || e.getValue().shape().size() != 2) {
                continue;
            }
            String module = name.substring(0, name.length() - ".weight".length());
            if (!targets.containsKey(name) && config.targets(module) && !isEmbedding(module)) {
                throw refuse(
                        adapter,
                        base,
                        "its target_modules cover the base module " + module + " but its weights have no"
                                + " base_model.model." + module + ".lora_A.weight / .lora_B.weight (missing tensors)");
            }
        }
        Map<String, Target> ordered = new LinkedHashMap<>();
        tensors.keySet().stream().filter(targets::containsKey).forEach(n -> ordered.put(n, targets.get(n)));
        return new MergePlan(adapter, base, ordered);
    }

    @Override
    public Path baseDir() {
        return base.dir();
    }

    @Override
    public Set<String> tensors() {
        return targets.keySet();
    }

    @Override
    public SafetensorsFile.Tensor source(String tensor) {
        return target(tensor).baseTensor();
    }

    private Target target(String tensor) {
        Target t = targets.get(tensor);
        if (t == null) {
            throw new IllegalArgumentException("the adapter does not change " + tensor);
        }
        return t;
    }

    @Override
    public float[] values(String tensor) {
        return merged(target(tensor));
    }

    /** Bytes of all merged tensors: what a variant costs beyond the base it shares. */
    public long mergedBytes() {
        return targets.values().stream().mapToLong(Target::mergedBytes).sum();
    }

    /** The merged weight {@code W + s·B·A} of one target, in the base tensor's layout, as floats. */
    public float[] merged(Target t) {
        float[] w = TensorData.readFloats(t.baseFile(), t.baseTensor());
        float[] a = TensorData.readFloats(adapter.file(), t.pair().a());
        float[] b = TensorData.readFloats(adapter.file(), t.pair().b());
        addDelta(
                w,
                a,
                b,
                t.pair().rank(),
                Math.toIntExact(t.pair().out()),
                Math.toIntExact(t.pair().in()),
                adapter.config().scale(),
                adapter.config().fanInFanOut());
        return w;
    }

    /**
     * Adds {@code scale · B·A} to {@code w} in place. {@code A} is {@code [rank, in]}, {@code B}
     * {@code [out, rank]}; {@code w} is {@code [out, in]}, or {@code [in, out]} when
     * {@code transposed} (fan_in_fan_out). Each element of B·A is summed in double, then scaled
     * and added once, so the result does not depend on the order rows are done in.
     */
    public static void addDelta(
            float[] w, float[] a, float[] b, int rank, int out, int in, double scale, boolean transposed) {
        if (w.length != (long) out * in || a.length != (long) rank * in || b.length != (long) out * rank) {
            throw new IllegalArgumentException("sizes do not agree: w " + w.length + ", a " + a.length + ", b "
                    + b.length + " for rank " + rank + ", out " + out + ", in " + in);
        }
        // Rows in blocks, one scratch row per block: the merge of a large model makes little garbage.
        int block = 64;
        IntStream.range(0, (out + block - 1) / block).parallel().forEach(blk -> {
            double[] row = new double[in];
            for (int o = blk * block; o < Math.min(out, (blk + 1) * block); o++) {
                java.util.Arrays.fill(row, 0);
                for (int k = 0; k < rank; k++) {
                    double bk = b[o * rank + k];
                    int base = k * in;
                    for (int i = 0; i < in; i++) {
                        row[i] += bk * a[base + i];
                    }
                }
                for (int i = 0; i < in; i++) {
                    int at = transposed ? i * out + o : o * in + i;
                    w[at] = (float) (w[at] + scale * row[i]);
                }
            }
        });
    }

    private static boolean isEmbedding(String module) {
        String last = module.substring(module.lastIndexOf('.') + 1);
        return last.equals("embed_tokens") || last.equals("lm_head");
    }

    /**
     * The base model named in the adapter's configuration must be the one given: its folder's
     * path, its folder's name, or (for a hub id {@code owner/name}) the folder's name with or
     * without the owner (the hub cache names folders {@code owner_name}).
     */
    private static void checkBaseName(LoraAdapter adapter, ModelFolder base, String named) {
        Path dir = base.dir().toAbsolutePath().normalize();
        String folderName = dir.getFileName() == null ? "" : dir.getFileName().toString();
        String n = named.strip().replaceAll("/+$", "");
        List<String> accepted = new ArrayList<>();
        accepted.add(n);
        accepted.add(n.replace('/', '_'));
        accepted.add(n.substring(n.lastIndexOf('/') + 1));
        Optional<String> declared = Optional.ofNullable(base.config().get("_name_or_path"))
                .map(j -> j.asText().replaceAll("/+$", ""));
        boolean same = accepted.stream().anyMatch(a -> a.equalsIgnoreCase(folderName))
                || n.equals(dir.toString())
                || declared.filter(d -> d.equalsIgnoreCase(n)).isPresent();
        if (!same) {
            throw new InvalidInputException("The adapter in " + adapter.dir() + " was trained on \"" + named
                    + "\" (base_model_name_or_path) but the base model loaded is " + dir
                    + "; load the adapter onto the model it was trained on, or force it if this model is the"
                    + " same one under another name.");
        }
    }

    private static InvalidInputException refuse(LoraAdapter adapter, ModelFolder base, String why) {
        return new InvalidInputException(
                "The adapter in " + adapter.dir() + " does not fit the base model in " + base.dir() + ": " + why + ".");
    }

    /** A short description for messages and listings, e.g. {@code rank 8, 4 tensors, scale 2.0}. */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "rank %d, %d tensors, scale %s",
                adapter.config().rank(),
                targets.size(),
                adapter.config().scale());
    }
}
