package dev.noesis.jlama.tiny;

import dev.noesis.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The shapes {@code noesis model create-tiny} can write. {@code tiny} is for tests and the
 * offline demo; the others copy the dimensions of real Llama models, so that speed measured on
 * them is the speed of the real model (it does not depend on the weights' values).
 */
public enum ModelShape {
    TINY("tiny", 64, 192, 2, 4, 2, 1024, 2048, false, WeightType.F32),
    LLAMA_3_2_1B("llama-3.2-1b", 2048, 8192, 16, 32, 8, 128_256, 131_072, true, WeightType.BF16),
    LLAMA_3_2_3B("llama-3.2-3b", 3072, 8192, 28, 24, 8, 128_256, 131_072, true, WeightType.BF16),
    LLAMA_3_1_8B("llama-3.1-8b", 4096, 14_336, 32, 32, 8, 128_256, 131_072, false, WeightType.BF16);

    /** How the weights are stored. */
    public enum WeightType {
        F32(4),
        BF16(2);

        public final int bytes;

        WeightType(int bytes) {
            this.bytes = bytes;
        }
    }

    public final String id;
    public final int hidden;
    public final int intermediate;
    public final int layers;
    public final int heads;
    public final int kvHeads;
    public final int vocab;
    public final int context;
    public final boolean tiedEmbeddings;
    public final WeightType weightType;

    ModelShape(
            String id,
            int hidden,
            int intermediate,
            int layers,
            int heads,
            int kvHeads,
            int vocab,
            int context,
            boolean tiedEmbeddings,
            WeightType weightType) {
        this.id = id;
        this.hidden = hidden;
        this.intermediate = intermediate;
        this.layers = layers;
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.vocab = vocab;
        this.context = context;
        this.tiedEmbeddings = tiedEmbeddings;
        this.weightType = weightType;
    }

    public int headDim() {
        return hidden / heads;
    }

    public static ModelShape parse(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(s -> s.id.equals(wanted))
                .findFirst()
                .orElseThrow(() ->
                        new InvalidInputException("Unknown model shape '" + id + "'. Choose one of: " + ids() + "."));
    }

    public static String ids() {
        return Arrays.stream(values()).map(s -> s.id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
