package dev.noesis.wiring.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.experiments.run.cost.ArmCost;
import dev.noesis.experiments.run.cost.CostModel;
import dev.noesis.wiring.NoesisConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cost model from configuration: the hardware profile and the hosted API's price table. */
class ExperimentCostsTest {

    @TempDir
    Path home;

    private NoesisConfig config(Map<String, String> keys) {
        Properties system = new Properties();
        system.setProperty("user.home", home.toString());
        return NoesisConfig.load(Map.of("NOESIS_HOME", home.toString()), system, keys);
    }

    @Test
    void thePriceTablePricesAHostedModelByItsTokensAndTheHardwareTheRest() {
        CostModel cost = ExperimentCosts.of(config(Map.of(
                ExperimentCosts.API_PRICES,
                "gpt-4o-mini=0.15/0.60; llama3.2=0.05/0.10",
                "noesis.eval.hardware.watts",
                "300")));

        // 200 questions, 400,000 prompt and 50,000 completion tokens: 0.06 + 0.03 = 0.09, so 0.45 per 1,000.
        ArmCost api = cost.per1k("gpt-4o-mini", 200, 400_000, 50_000, 1_000).orElseThrow();
        assertThat(api.money()).isCloseTo(0.45, within(1e-12));
        assertThat(api.basis()).isEqualTo("api");
        ArmCost local = cost.per1k("models/q4", 200, 400_000, 50_000, 720).orElseThrow();
        assertThat(local.basis()).isEqualTo("hardware");
        // 3,600 model seconds per 1,000 questions at 300 W.
        assertThat(local.energyWh()).isCloseTo(300.0, within(1e-9));
        assertThat(ExperimentCosts.of(config(Map.of())).per1k("gpt-4o-mini", 200, 1, 1, 1))
                .isEmpty();
    }

    @Test
    void aBadPriceEntryNamesTheKey() {
        NoesisConfig bad = config(Map.of(ExperimentCosts.API_PRICES, "gpt-4o-mini=0.15"));
        assertThatThrownBy(() -> ExperimentCosts.of(bad))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("noesis.eval.api-prices: 'gpt-4o-mini=0.15' is not NAME=INPUT/OUTPUT");
    }
}
