package dev.noesis.experiments.run.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.noesis.core.error.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiPriceTableTest {

    @Test
    void entriesAreNamesWithInputAndOutputPricesPerMillionTokens() {
        Map<String, ApiPrice> prices = ApiPriceTable.parse(
                " gpt-4o-mini = 0.15/0.60 ;\nhttp://localhost:8000/v1?x=1=2/8\n; llama3.2=0/0",
                "noesis.eval.api-prices");

        assertThat(prices).containsOnlyKeys("gpt-4o-mini", "http://localhost:8000/v1?x=1", "llama3.2");
        assertThat(prices.get("gpt-4o-mini")).isEqualTo(new ApiPrice(0.15, 0.60));
        assertThat(prices.get("http://localhost:8000/v1?x=1")).isEqualTo(new ApiPrice(2, 8));
        // 2,000 prompt and 500 completion tokens at 0.15 / 0.60 per million.
        assertThat(prices.get("gpt-4o-mini").money(2_000, 500)).isCloseTo(0.0006, within(1e-12));
        assertThat(ApiPriceTable.parse("  ", "k")).isEmpty();
        assertThat(ApiPriceTable.parse(null, "k")).isEmpty();
    }

    @Test
    void aBadEntryIsNamedWithItsSource() {
        assertThatThrownBy(() -> ApiPriceTable.parse("gpt=0.15", "noesis.eval.api-prices"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("noesis.eval.api-prices: 'gpt=0.15' is not NAME=INPUT/OUTPUT");
        assertThatThrownBy(() -> ApiPriceTable.parse("gpt=cheap/dear", "k"))
                .hasMessageContaining("'gpt=cheap/dear' are not numbers");
        assertThatThrownBy(() -> ApiPriceTable.parse("gpt=-1/2", "k")).hasMessageContaining("at least 0");
        assertThatThrownBy(() -> ApiPriceTable.parse("gpt=1/2; gpt=3/4", "k")).hasMessageContaining("priced twice");
        assertThatThrownBy(() -> ApiPriceTable.parse("=1/2", "k")).hasMessageContaining("is not NAME=INPUT/OUTPUT");
    }
}
