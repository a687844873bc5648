package dev.noesis.jlama.lora;

import dev.noesis.jlama.JlamaLanguageModel;
import dev.noesis.jlama.ModelFolder;
import java.nio.file.Path;

/** Adapter variants of in-process models: a PEFT adapter folder checked against a base and merged into it. */
public final class LoraVariants {

    private LoraVariants() {}

    /**
     * Checks the adapter in {@code adapterDir} against {@code base} ({@link MergePlan#of}) and
     * builds the variant ({@link JlamaLanguageModel#withOverride}). Close the variant when done;
     * the base stays usable and unchanged.
     *
     * @param name  the adapter's name (the variant is named {@code base@name})
     * @param force accept a base model other than the one the adapter names
     */
    public static JlamaLanguageModel open(JlamaLanguageModel base, Path adapterDir, String name, boolean force) {
        return base.withOverride(check(base, adapterDir, force), name);
    }

    /**
     * A variant of {@code quantizedBase}, the Q4 copy of the model in {@code sourceDir}: the adapter
     * is checked against and merged into the source's F32 or BF16 weights, and each merged tensor
     * quantized as the copy was (the variant is what a Q4 copy of the merged model would be); every
     * other tensor is the Q4 base's own.
     */
    public static JlamaLanguageModel openQuantized(
            JlamaLanguageModel quantizedBase, Path sourceDir, Path adapterDir, String name, boolean force) {
        MergePlan plan = MergePlan.of(LoraAdapter.open(adapterDir), ModelFolder.open(sourceDir), force);
        return quantizedBase.withOverride(plan, name);
    }

    /** Only the check: what {@link #open} would merge, or the error that it would refuse with. */
    public static MergePlan check(JlamaLanguageModel base, Path adapterDir, boolean force) {
        return MergePlan.of(LoraAdapter.open(adapterDir), base.folder(), force);
    }
}
