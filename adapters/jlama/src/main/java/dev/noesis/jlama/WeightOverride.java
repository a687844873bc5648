package dev.noesis.jlama;

import java.nio.file.Path;
import java.util.Set;

/**
 * New values for some weight tensors of a model, the rest left as they are: what turns a base
 * model into a variant ({@link JlamaLanguageModel#withOverride}). A LoRA merge is one
 * ({@link dev.noesis.jlama.lora.MergePlan}).
 *
 * <p>An override is made for an unquantized (F32 or BF16) model folder. It also applies to a
 * quantized copy of that folder: the new values are stored at the source's precision, then
 * quantized the way the copy was, so the variant is the quantized copy of the merged model.
 */
public interface WeightOverride {

    /** The model folder the override was made for. */
    Path baseDir();

    /** The names of the tensors it replaces, as the base's weights files name them. */
    Set<String> tensors();

    /** The replaced tensor as it is in {@link #baseDir()}: its element type (F32 or BF16) and shape. */
    SafetensorsFile.Tensor source(String tensor);

    /**
     * The new values of {@code tensor}, row-major in the base tensor's shape. Called once per
     * tensor while the variant loads, possibly from several threads at once.
     */
    float[] values(String tensor);
}
