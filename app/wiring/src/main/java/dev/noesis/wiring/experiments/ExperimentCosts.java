package dev.noesis.wiring.experiments;

import dev.noesis.experiments.run.cost.ApiPriceTable;
import dev.noesis.experiments.run.cost.CostModel;
import dev.noesis.experiments.run.cost.HardwareProfile;
import dev.noesis.wiring.NoesisConfig;

/**
 * The cost model of experiments, from configuration: the hardware profile ({@code noesis.eval.hardware.*})
 * for in-process models and the price table ({@code noesis.eval.api-prices}) for hosted APIs.
 */
public final class ExperimentCosts {

    /** The key of the price table. */
    public static final String API_PRICES = "noesis.eval.api-prices";

    private ExperimentCosts() {}

    /**
     * No hardware cost when {@code noesis.eval.hardware.watts} is not set, and no API cost for a model
     * the table does not price: a made-up price would pass for a measured one.
     *
     * @throws dev.noesis.core.error.InvalidInputException when the price table has an entry that is not
     *     {@code NAME=INPUT/OUTPUT}
     */
    public static CostModel of(NoesisConfig config) {
        NoesisConfig.Hardware h = config.eval().hardware();
        HardwareProfile hardware = h.watts()
                .map(w -> new HardwareProfile(w, h.pricePerKwh(), h.price(), h.lifetimeHours()))
                .orElse(null);
        return new CostModel(
                hardware, ApiPriceTable.parse(config.eval().apiPrices().orElse(null), API_PRICES));
    }
}
