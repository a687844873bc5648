package dev.noesis.experiments.suite.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.experiments.suite.Suite;
import dev.noesis.experiments.suite.data.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuitesTest {

    @Test
    void listsEveryBuiltInSuiteWithItsCountAndMetrics() {
        Suites suites = new Suites(SharedData.root());

        assertThat(suites.list())
                .extracting(SuiteSummary::name)
                .containsExactly("gsm8k", "hotpotqa", "hotpotqa-evidence", "2wiki", "scifact-claims");
        assertThat(suites.list()).allSatisfy(s -> assertThat(s.problem()).isEmpty());
        SuiteSummary scifact = suites.list().get(4);
        assertThat(scifact.items()).isEqualTo(OptionalInt.of(693));
        assertThat(scifact.metrics()).containsExactly("accuracy");
        assertThat(scifact.corpusMetrics()).containsExactly("macro_f1");
        assertThat(suites.list().get(0).items()).isEqualTo(OptionalInt.of(1319));
        assertThat(suites.list().get(3).setup()).isEqualTo("facts");
    }

    @Test
    void theDefaultDataRootIsSharedDataBesideTheRepository() {
        assertThat(Suites.defaultDataRoot(Path.of(""))).isEqualTo(SharedData.root());
    }

    @Test
    void missingDataIsListedWithItsReasonAndRefusedOnUse(@TempDir Path empty) {
        Suites suites = new Suites(empty);

        assertThat(suites.list()).allSatisfy(s -> {
            assertThat(s.items()).isEmpty();
            assertThat(s.problem()).get().asString().contains(empty.toString());
        });
        assertThat(suites.list().get(0).metrics()).containsExactly("numeric");
        assertThatThrownBy(() -> suites.resolve("2wiki"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(empty.resolve("2wikimultihopqa").toString());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> new Suites(SharedData.root()).resolve("mmlu"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Unknown suite 'mmlu'")
                .hasMessageContaining("gsm8k, hotpotqa, hotpotqa-evidence, 2wiki, scifact-claims");
    }

    @Test
    void aJsonlPathIsTheUsersSuite(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(
                dir.resolve("mine.jsonl"), "{\"id\": \"a\", \"question\": \"Who?\", \"answer\": \"Me\"}\n");

        Suite suite = new Suites(SharedData.root()).resolve(file.toString());

        assertThat(suite.name()).isEqualTo("mine");
        assertThat(suite.items()).hasSize(1);
        assertThat(new Suites(SharedData.root()).resolve("gsm8k").name()).isEqualTo("gsm8k");
    }
}
