package dev.noesis.experiments.run.cost;

import java.util.Map;
import java.util.Optional;

/**
 * How an arm's usage becomes energy and money per 1,000 questions: a model in the hosted-API price
 * table is priced by its tokens; any other by the hardware profile and its model seconds; with
 * neither, no cost. Per 1,000 questions is the arm's total over its item runs (items × seeds),
 * divided by their number, times 1,000.
 *
 * @param hardware the local machine, or null
 * @param prices   API prices by model name as the experiment gives it (empty for none)
 */
public record CostModel(HardwareProfile hardware, Map<String, ApiPrice> prices) {

    public static final CostModel NONE = new CostModel(null, Map.of());

    public CostModel {
        prices = prices == null ? Map.of() : Map.copyOf(prices);
    }

    public static CostModel hardware(HardwareProfile profile) {
        return new CostModel(profile, Map.of());
    }

    public static CostModel api(Map<String, ApiPrice> prices) {
        return new CostModel(null, prices);
    }

    /**
     * This model with each experiment model that a server serves under a priced name priced as that
     * name (a URL model whose server serves {@code gpt-4o-mini} costs what {@code gpt-4o-mini} costs),
     * unless the experiment's name for it has a price of its own.
     *
     * @param servedNames the served name of each experiment model that has one
     */
    public CostModel servedAs(Map<String, String> servedNames) {
        Map<String, ApiPrice> all = new java.util.LinkedHashMap<>(prices);
        servedNames.forEach((model, served) -> {
            ApiPrice p = prices.get(served);
            if (p != null) {
                all.putIfAbsent(model, p);
            }
        });
        return new CostModel(hardware, all);
    }

    /**
     * The cost of 1,000 questions, from an arm's totals.
     *
     * @param model            the model's name in the experiment
     * @param questions        item runs the totals cover, at least one
     * @param promptTokens     their prompt tokens
     * @param completionTokens their completion tokens
     * @param modelSeconds     their seconds in the model
     */
    public Optional<ArmCost> per1k(
            String model, long questions, long promptTokens, long completionTokens, double modelSeconds) {
        if (questions < 1) {
            return Optional.empty();
        }
        double scale = 1000.0 / questions;
        ApiPrice price = prices.get(model);
        if (price != null) {
            return Optional.of(new ArmCost(price.money(promptTokens, completionTokens) * scale, null, "api"));
        }
        if (hardware != null) {
            return Optional.of(new ArmCost(
                    hardware.money(modelSeconds) * scale, hardware.energyWh(modelSeconds) * scale, "hardware"));
        }
        return Optional.empty();
    }
}
