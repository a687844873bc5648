package dev.noesis.wiring.experiments;

import dev.noesis.experiments.run.cost.CostModel;
import dev.noesis.experiments.run.cost.HardwareProfile;
import dev.noesis.wiring.NoesisConfig;

/** The cost model of experiments, from the hardware profile in configuration ({@code noesis.eval.hardware.*}). */
public final class ExperimentCosts {

    private ExperimentCosts() {}

    /** No cost when {@code noesis.eval.hardware.watts} is not set: a made-up price would pass for a measured one. */
    public static CostModel of(NoesisConfig config) {
        NoesisConfig.Hardware h = config.eval().hardware();
        return h.watts()
                .map(w -> CostModel.hardware(new HardwareProfile(w, h.pricePerKwh(), h.price(), h.lifetimeHours())))
                .orElse(CostModel.NONE);
    }
}
