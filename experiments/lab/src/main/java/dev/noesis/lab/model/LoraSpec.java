package dev.noesis.lab.model;

import dev.noesis.core.error.InvalidInputException;
import java.util.List;
import java.util.Set;

/**
 * A LoRA adapter's shape: rank, alpha and the linear layers it changes, named as PEFT names
 * them ({@code q_proj}, {@code v_proj}, {@code gate_proj} ...). The delta on a layer's weight is
 * {@code (alpha / rank) · B · A}, with A {@code [rank, in]} and B {@code [out, rank]}.
 */
public record LoraSpec(int rank, double alpha, List<String> targets) {

    private static final Set<String> LINEAR =
            Set.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

    /**
     * Rank 8 on attention's q and v and on the whole MLP: q/v alone cannot re-route every
     * computation (a reversed-answer task reached 12% with q/v only in the spike runs).
     */
    public static final LoraSpec DEFAULT =
            new LoraSpec(8, 16, List.of("q_proj", "v_proj", "gate_proj", "up_proj", "down_proj"));

    public LoraSpec {
        targets = List.copyOf(targets);
        if (rank < 1 || !(alpha > 0) || targets.isEmpty()) {
            throw new InvalidInputException("A LoRA needs a positive rank and alpha and at least one target; got r "
                    + rank + ", alpha " + alpha + ", targets " + targets + ".");
        }
        for (String t : targets) {
            if (!LINEAR.contains(t)) {
                throw new InvalidInputException(
                        "LoRA target '" + t + "' is not a linear layer of the model; choose" + " from " + LINEAR + ".");
            }
        }
    }

    public double scale() {
        return alpha / rank;
    }

    /** Whether the linear layer with this full weight name (…{@code .q_proj.weight}) gets an adapter. */
    boolean targets(String weightName) {
        String module = weightName.substring(0, weightName.length() - ".weight".length());
        return targets.stream().anyMatch(t -> module.endsWith("." + t));
    }
}
