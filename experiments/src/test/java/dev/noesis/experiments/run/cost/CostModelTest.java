package dev.noesis.experiments.run.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.noesis.core.error.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostModelTest {

    @Test
    void hardwareCostIsEnergyPlusDepreciationPer1000Questions() {
        // 400 W, 0.30 per kWh, a 3,000 machine over 6,000 hours; 200 questions took 720 model seconds.
        HardwareProfile profile = new HardwareProfile(400, 0.30, 3_000, 6_000);
        ArmCost c = CostModel.hardware(profile).per1k("m", 200, 0, 0, 720).orElseThrow();
        // 1,000 questions: 3,600 s = 1 h. Energy 400 Wh = 0.4 kWh -> 0.12; depreciation 3,000 / 6,000 = 0.5.
        assertThat(c.energyWh()).isCloseTo(400.0, within(1e-9));
        assertThat(c.money()).isCloseTo(0.62, within(1e-9));
        assertThat(c.basis()).isEqualTo("hardware");
    }

    @Test
    void apiCostIsByTokensAndWinsForAPricedModel() {
        CostModel model =
                new CostModel(new HardwareProfile(400, 0.30, 3_000, 6_000), Map.of("gpt-x", new ApiPrice(2.50, 10.00)));
        // 500 questions, 1,000,000 prompt and 100,000 completion tokens: 2.50 + 1.00 = 3.50 for 500, 7.00 per 1,000.
        ArmCost c = model.per1k("gpt-x", 500, 1_000_000, 100_000, 99).orElseThrow();
        assertThat(c.money()).isCloseTo(7.00, within(1e-9));
        assertThat(c.energyWh()).isNull();
        assertThat(c.basis()).isEqualTo("api");
        assertThat(model.per1k("local", 500, 0, 0, 1800).orElseThrow().basis()).isEqualTo("hardware");
    }

    @Test
    void noProfileNoCost() {
        assertThat(CostModel.NONE.per1k("m", 10, 100, 10, 5)).isEmpty();
        assertThat(CostModel.hardware(new HardwareProfile(1, 1, 0, 1)).per1k("m", 0, 0, 0, 0))
                .isEmpty();
    }

    @Test
    void badProfilesAreRefused() {
        assertThatThrownBy(() -> new HardwareProfile(-1, 0.3, 0, 1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new HardwareProfile(300, 0.3, 0, 0)).hasMessageContaining("lifetime");
        assertThatThrownBy(() -> new ApiPrice(Double.NaN, 1)).isInstanceOf(InvalidInputException.class);
    }
}
