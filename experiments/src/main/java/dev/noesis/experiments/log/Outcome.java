package dev.noesis.experiments.log;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How an item's run ended. A budget stop and a failure are results too: they are logged, never dropped. */
public enum Outcome {
    /** The pipeline gave an answer (which may still be wrong). */
    COMPLETED("completed"),
    /** A budget (tokens, time, model calls) stopped the pipeline first. */
    BUDGET("budget"),
    /** The run failed with an error, which the record carries. */
    FAILED("failed");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static Outcome fromLabel(String label) {
        for (Outcome o : values()) {
            if (o.label.equals(label)) {
                return o;
            }
        }
        throw new IllegalArgumentException("not an outcome: '" + label + "' (completed, budget or failed)");
    }
}
