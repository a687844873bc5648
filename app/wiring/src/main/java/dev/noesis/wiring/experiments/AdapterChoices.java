package dev.noesis.wiring.experiments;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.experiments.run.ExperimentPlan;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import dev.noesis.experiments.suite.SuiteItem;
import dev.noesis.lora.AdapterRegistry;
import dev.noesis.orchestrator.AdapterChoice;
import dev.noesis.wiring.Adapters;

/**
 * Which adapter an item of an adapter arm runs on: the arm's own for the base and a registered
 * adapter (checked when the arm opens), the embedding router's choice for the item's question (as
 * {@code noesis ask --adapter auto} makes it), or the item's label for the oracle.
 */
final class AdapterChoices {

    /** The router's threshold: what {@code noesis ask --adapter auto} uses, so that both choose alike. */
    static final double ROUTER_THRESHOLD = 0.3;

    private final Adapters adapters;
    private final String arm;

    AdapterChoices(Adapters adapters, String arm) {
        this.adapters = adapters;
        this.arm = arm;
        AdapterRegistry registry = adapters.registry();
        if (arm.equals(ExperimentSpec.ROUTER_ADAPTER)) {
            if (registry.list().isEmpty()) {
                throw new InvalidInputException("The adapter axis has the router, and no adapter is registered for it"
                        + " to choose; register adapters, or leave the router out.");
            }
        } else if (!arm.equals(ExperimentSpec.ORACLE_ADAPTER) && !isBase(arm)) {
            registry.show(arm); // an unknown name fails here, before any item runs
        }
    }

    /** Whether the arm chooses an adapter per item (the router, the oracle) rather than one for all. */
    boolean perItem() {
        return arm.equals(ExperimentSpec.ROUTER_ADAPTER) || arm.equals(ExperimentSpec.ORACLE_ADAPTER);
    }

    /** Whether {@code adapter} names the base model. */
    static boolean isBase(String adapter) {
        return AdapterChoice.isBase(adapter);
    }

    /** The adapter {@code item} runs on; {@value ExperimentSpec#BASE_ADAPTER} for the base. */
    String forItem(SuiteItem item) {
        if (arm.equals(ExperimentSpec.ROUTER_ADAPTER)) {
            return adapters.route(item.question(), ROUTER_THRESHOLD).adapter().orElse(ExperimentSpec.BASE_ADAPTER);
        }
        if (arm.equals(ExperimentSpec.ORACLE_ADAPTER)) {
            String label = ExperimentPlan.oracleAdapter(item)
                    .orElseThrow(() -> new InvalidInputException(
                            "The item '" + item.id() + "' has no '" + ExperimentPlan.ADAPTER_LABEL + "' label."));
            return isBase(label)
                    ? ExperimentSpec.BASE_ADAPTER
                    : adapters.registry().show(label).name();
        }
        return isBase(arm) ? ExperimentSpec.BASE_ADAPTER : arm;
    }
}
