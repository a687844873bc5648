package dev.noesis.experiments.run.cost;

import dev.noesis.core.error.InvalidInputException;

/**
 * The machine a local model runs on, from configuration: what it draws and what it costs. Its cost per
 * second of model time is the energy at the electricity price plus the hardware's price spread over
 * its lifetime (straight-line depreciation).
 *
 * @param watts          average power drawn while the model works (the whole machine, at the wall)
 * @param pricePerKwh    electricity price per kWh, in the report's currency
 * @param hardwarePrice  what the machine cost, in the same currency (0 to count energy only)
 * @param lifetimeHours  the hours of use it is written off over (e.g. 3 years × 2,000 h)
 */
public record HardwareProfile(double watts, double pricePerKwh, double hardwarePrice, double lifetimeHours) {

    public HardwareProfile {
        nonNegative(watts, "watts");
        nonNegative(pricePerKwh, "price per kWh");
        nonNegative(hardwarePrice, "hardware price");
        if (!(lifetimeHours > 0) || !Double.isFinite(lifetimeHours)) {
            throw new InvalidInputException(
                    "The hardware's lifetime in hours must be above 0, not " + lifetimeHours + ".");
        }
    }

    private static void nonNegative(double v, String what) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new InvalidInputException(
                    "The hardware profile's " + what + " must be a number of at least 0, not " + v + ".");
        }
    }

    /** Watt-hours drawn in {@code seconds} of model time. */
    public double energyWh(double seconds) {
        return watts * seconds / 3600.0;
    }

    /** Money for {@code seconds} of model time: energy plus depreciation. */
    public double money(double seconds) {
        double hours = seconds / 3600.0;
        return energyWh(seconds) / 1000.0 * pricePerKwh + hardwarePrice * hours / lifetimeHours;
    }
}
