package dev.noesis.jlama;

/** bfloat16, the upper half of a float: how BF16 weights are read and written. */
public final class BFloat16 {

    private BFloat16() {}

    /** Rounds to the nearest bfloat16, ties to even, as PyTorch does; NaN stays NaN. */
    public static short round(float v) {
        if (Float.isNaN(v)) {
            return (short) 0x7FC0;
        }
        int bits = Float.floatToRawIntBits(v);
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** The float a bfloat16 stands for (exact). */
    public static float widen(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }
}
