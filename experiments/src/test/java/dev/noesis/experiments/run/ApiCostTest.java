package dev.noesis.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.noesis.experiments.log.ItemLogReader;
import dev.noesis.experiments.log.ItemRecord;
import dev.noesis.experiments.log.ModelIdentity;
import dev.noesis.experiments.log.RunDirectory;
import dev.noesis.experiments.log.Usage;
import dev.noesis.experiments.report.ArmResult;
import dev.noesis.experiments.run.cost.ApiPrice;
import dev.noesis.experiments.run.cost.CostModel;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model reached by URL is priced from the price table under the name its server serves: its cost
 * per 1,000 questions is its tokens at the table's prices, written to the results with basis {@code api}.
 */
class ApiCostTest {

    private static final String URL = "http://models.example:8000/v1";

    @TempDir
    Path work;

    @Test
    void aServedModelIsPricedByItsTokensUnderItsServedName() throws Exception {
        ArmFactory server = new ArmFactory() {
            @Override
            public ModelIdentity identify(String model) {
                return ModelIdentity.server(model, "gpt-x");
            }

            @Override
            public Arm open(ArmSpec arm, PreparedSetup setup) {
                // A prompt of 100 tokens per character of the id, 7 completion tokens: the sums differ per item.
                return (item, prompt, params) -> ArmAnswer.completed(
                        "a" + item.id().replaceAll("\\D+", ""),
                        new Usage(100L * item.id().length(), 7, 1, 5, 0, 0),
                        null);
            }
        };
        ExperimentSpec spec = ExperimentSpec.builder()
                .suites(List.of("tiny"))
                .pipelines(List.of("raw"))
                .models(List.of(URL))
                .limit(12)
                .build();
        CostModel prices = CostModel.api(Map.of("gpt-x", new ApiPrice(2.0, 8.0), "other", new ApiPrice(99, 99)));

        ArmResult arm = ExperimentRunner.builder(spec, Map.of("tiny", new TinySuite("tiny", 12)), server)
                .cost(prices)
                .build()
                .run(work.resolve("run"))
                .results()
                .orElseThrow()
                .arms()
                .getFirst();

        List<ItemRecord> items = ItemLogReader.read(work.resolve("run").resolve(RunDirectory.ITEMS))
                .records();
        long prompt = items.stream().mapToLong(r -> r.usage().promptTokens()).sum();
        long completion =
                items.stream().mapToLong(r -> r.usage().completionTokens()).sum();
        double expected = (prompt * 2.0 + completion * 8.0) / 1_000_000 * (1000.0 / 12);
        assertThat(arm.costBasis()).isEqualTo("api");
        assertThat(arm.costPer1k()).isCloseTo(expected, within(1e-12));
        assertThat(arm.energyWhPer1k()).isNull();

        // Without a price for what it serves, no cost: never a made-up one.
        ArmResult unpriced = LoggedResults.read(work.resolve("run"), CostModel.api(Map.of("other", new ApiPrice(1, 1))))
                .arms()
                .getFirst();
        assertThat(unpriced.costPer1k()).isNull();
        assertThat(unpriced.costBasis()).isNull();
    }
}
