package dev.noesis.jlama;

import java.nio.file.Path;
import java.util.Set;

/**
 * New values for some weight tensors of a model, the rest left as they are: what turns a base
 * model into a variant ({@link JlamaLanguageModel#withOverride}). A LoRA merge is one
 * ({@link dev.noesis.jlama.lora.MergePlan}).
 */
public interface WeightOverride {

    /** The model folder the override was made for; it applies to that model only. */
    Path baseDir();

    /** The names of the tensors it replaces, as the base's weights files name them. */
    Set<String> tensors();

    /**
     * The new values of {@code tensor}, row-major in the base tensor's shape. Called once per
     * tensor while the variant loads, possibly from several threads at once.
     */
    float[] values(String tensor);
}
