package dev.noesis.jlama.lora;

import dev.noesis.jlama.SafetensorsFile;

/**
 * The two low-rank factors of one adapted module: {@code A} of shape {@code [r, in]} and
 * {@code B} of shape {@code [out, r]}, so that the module's weight becomes {@code W + s·B·A}.
 *
 * @param module the module's name in the base model, e.g. {@code model.layers.0.self_attn.q_proj}
 * @param a      {@code lora_A}
 * @param b      {@code lora_B}
 * @param aName  the name of {@code lora_A} in the adapter file
 * @param bName  the name of {@code lora_B} in the adapter file
 */
public record LoraPair(String module, SafetensorsFile.Tensor a, SafetensorsFile.Tensor b, String aName, String bName) {

    public int rank() {
        return Math.toIntExact(a.shape().get(0));
    }

    /** The input size of the module ({@code A}'s columns). */
    public long in() {
        return a.shape().get(1);
    }

    /** The output size of the module ({@code B}'s rows). */
    public long out() {
        return b.shape().get(0);
    }

    /** The base tensor the delta goes into. */
    public String baseTensor() {
        return module + ".weight";
    }
}
