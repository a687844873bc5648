package dev.noesis.experiments.stats;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a comparison of an arm against its baseline concludes, in the words the report and
 * {@code results.json} use. Never just "a bigger number": a difference inside the noise is
 * "no detectable difference", and a loss is reported as plainly as a gain.
 */
public enum Verdict {
    BETTER("better"),
    WORSE("worse"),
    NO_DETECTABLE_DIFFERENCE("no detectable difference");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The words written in reports and in {@code results.json}. */
    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static Verdict fromLabel(String label) {
        for (Verdict v : values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException(
                "not a verdict: '" + label + "' (better, worse or no detectable difference)");
    }

    /**
     * The one rule: "better" needs both the multiplicity-adjusted p-value below α and the whole
     * confidence interval of the difference above zero; "worse" the same below zero. When the test and
     * the interval disagree (they are computed differently, so near the edge they can), the verdict is
     * "no detectable difference", so that a verdict never contradicts a number printed beside it.
     *
     * @param adjustedP the Holm-adjusted p-value of the comparison
     * @param interval  the confidence interval of the difference, arm minus baseline
     * @param alpha     the family-wise error rate, e.g. 0.05
     */
    public static Verdict decide(double adjustedP, ConfidenceInterval interval, double alpha) {
        if (adjustedP < alpha && interval.aboveZero()) {
            return BETTER;
        }
        if (adjustedP < alpha && interval.belowZero()) {
            return WORSE;
        }
        return NO_DETECTABLE_DIFFERENCE;
    }
}
