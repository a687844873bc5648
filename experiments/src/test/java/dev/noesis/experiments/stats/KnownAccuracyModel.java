package dev.noesis.experiments.stats;

import java.util.SplittableRandom;

/**
 * Test double: one simulated model run under two configurations (a baseline and an arm) whose
 * accuracies on the population of items are known exactly, so that the truth a statistic should
 * find is known.
 *
 * <p>Each drawn item has a difficulty u ~ U(0, 1); the baseline answers it correctly when u is below
 * its accuracy. The arm is the same model under another pipeline: with probability
 * {@code agreement} it sees the item as the baseline does (same u), otherwise it draws its own; it is
 * right when that draw is below its accuracy. Both accuracies hold exactly, and the share of items on
 * which the two disagree (the discordant pairs a paired test lives on) falls as agreement rises, as it
 * does between pipelines of one real model.
 *
 * @param baselineAccuracy P(baseline right) on a random item
 * @param armAccuracy      P(arm right) on a random item
 * @param agreement        the chance that the arm sees an item's difficulty as the baseline does
 */
record KnownAccuracyModel(double baselineAccuracy, double armAccuracy, double agreement) {

    /** The difference every interval should cover and every test should find when it is not zero. */
    double trueDifference() {
        return armAccuracy - baselineAccuracy;
    }

    /** The share of items on which arm and baseline differ, in expectation. */
    double disagreementRate() {
        double independent = armAccuracy * (1 - baselineAccuracy) + baselineAccuracy * (1 - armAccuracy);
        return agreement * Math.abs(armAccuracy - baselineAccuracy) + (1 - agreement) * independent;
    }

    /** One experiment: {@code n} fresh items from the population, scored 0 or 1 by both configurations. */
    ItemScores[] run(int n, SplittableRandom random) {
        ItemScores.Builder arm = ItemScores.builder("arm");
        ItemScores.Builder baseline = ItemScores.builder("baseline");
        for (int i = 0; i < n; i++) {
            String id = "item-" + i;
            double difficulty = random.nextDouble();
            double armDraw = random.nextDouble() < agreement ? difficulty : random.nextDouble();
            baseline.add(id, difficulty < baselineAccuracy ? 1 : 0);
            arm.add(id, armDraw < armAccuracy ? 1 : 0);
        }
        return new ItemScores[] {arm.build(), baseline.build()};
    }
}
