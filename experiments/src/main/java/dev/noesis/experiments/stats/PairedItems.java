package dev.noesis.experiments.stats;

import dev.noesis.core.error.InvalidInputException;
import java.util.List;

/**
 * An arm and its baseline scored on the same items, lined up item by item. A paired comparison is
 * only valid on identical item sets: an item only one side has would make the difference partly a
 * difference of questions, so a mismatch is refused, naming the first item that is missing.
 */
public final class PairedItems {

    private final ItemScores arm;
    private final ItemScores baseline;
    private final List<String> ids;
    private final double[] differences;

    private PairedItems(ItemScores arm, ItemScores baseline) {
        this.arm = arm;
        this.baseline = baseline;
        this.ids = List.copyOf(baseline.ids());
        this.differences = new double[ids.size()];
        for (int i = 0; i < differences.length; i++) {
            String id = ids.get(i);
            differences[i] = arm.itemMean(id) - baseline.itemMean(id);
        }
    }

    /** Pairs the two, in the baseline's item order; refuses item sets that differ. */
    public static PairedItems of(ItemScores arm, ItemScores baseline) {
        for (String id : baseline.ids()) {
            if (!arm.contains(id)) {
                throw new InvalidInputException(
                        "'" + arm.label() + "' has no score for item '" + id + "', which its baseline '"
                                + baseline.label() + "' has; a paired comparison needs both scored on the same items.");
            }
        }
        for (String id : arm.ids()) {
            if (!baseline.contains(id)) {
                throw new InvalidInputException(
                        "The baseline '" + baseline.label() + "' has no score for item '" + id + "', which '"
                                + arm.label() + "' has; a paired comparison needs both scored on the same items.");
            }
        }
        return new PairedItems(arm, baseline);
    }

    public ItemScores arm() {
        return arm;
    }

    public ItemScores baseline() {
        return baseline;
    }

    /** The number of items. */
    public int size() {
        return ids.size();
    }

    /** Per item, the arm's mean over seeds minus the baseline's, in the baseline's item order. */
    public double[] differences() {
        return differences.clone();
    }

    /** Whether both sides are one 0-or-1 outcome per item, so that McNemar's exact test applies. */
    public boolean binarySingleSeed() {
        return arm.binarySingleSeed() && baseline.binarySingleSeed();
    }

    /** The items the arm got right and the baseline wrong (binary scores). */
    public int armOnly() {
        return count(1.0);
    }

    /** The items the baseline got right and the arm wrong (binary scores). */
    public int baselineOnly() {
        return count(-1.0);
    }

    /** The share of items on which the two differ at all: for binary scores, the discordant pairs over n. */
    public double disagreementRate() {
        int differ = 0;
        for (double d : differences) {
            if (d != 0.0) {
                differ++;
            }
        }
        return (double) differ / ids.size();
    }

    private int count(double difference) {
        int c = 0;
        for (double d : differences) {
            if (d == difference) {
                c++;
            }
        }
        return c;
    }
}
