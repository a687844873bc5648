package dev.noesis.experiments.stats;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which test gave a comparison's p-value, named in reports so that a reader can check it. */
public enum PairedTest {
    /** {@link McNemarExactTest}: one 0-or-1 score per item on both sides. */
    MCNEMAR_EXACT("mcnemar-exact"),
    /** {@link SignFlipPermutationTest}: any other scores, or several seeds per item (on per-item means). */
    SIGN_FLIP_PERMUTATION("sign-flip-permutation");

    private final String label;

    PairedTest(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
