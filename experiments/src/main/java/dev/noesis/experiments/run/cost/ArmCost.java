package dev.noesis.experiments.run.cost;

/**
 * What 1,000 questions cost an arm.
 *
 * @param money    in the configured currency
 * @param energyWh watt-hours, or null when the cost is an API's price (its energy is not known)
 * @param basis    {@code hardware} or {@code api}
 */
public record ArmCost(double money, Double energyWh, String basis) {}
