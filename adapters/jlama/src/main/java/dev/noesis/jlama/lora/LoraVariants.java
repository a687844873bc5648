package dev.noesis.jlama.lora;

import dev.noesis.jlama.JlamaLanguageModel;
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

    /** Only the check: what {@link #open} would merge, or the error that it would refuse with. */
    public static MergePlan check(JlamaLanguageModel base, Path adapterDir, boolean force) {
        return MergePlan.of(LoraAdapter.open(adapterDir), base.folder(), force);
    }
}
