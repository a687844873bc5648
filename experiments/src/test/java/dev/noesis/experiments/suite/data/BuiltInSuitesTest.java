package dev.noesis.experiments.suite.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.memory.Fact;
import dev.noesis.experiments.log.Extraction;
import dev.noesis.experiments.suite.Suite;
import dev.noesis.experiments.suite.SuiteItem;
import dev.noesis.experiments.suite.SuiteSetup;
import dev.noesis.experiments.suite.SuiteSetup.SetupDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each built-in suite over the real data in {@code ../shared/data}: counts, ids and gold shape as
 * the data's README and files give them, and that a 20-item slice sets up.
 */
class BuiltInSuitesTest {

    private static final Path DATA = SharedData.root();

    private static List<SuiteItem> slice(Suite suite) {
        return suite.items().subList(0, 20);
    }

    private static void idsAreUniqueAndStable(Suite suite, Suite again) {
        List<String> ids = suite.items().stream().map(SuiteItem::id).toList();
        assertThat(Set.copyOf(ids)).hasSameSizeAs(ids);
        assertThat(again.items().stream().map(SuiteItem::id).toList()).isEqualTo(ids);
    }

    @Test
    void gsm8k() {
        Gsm8kSuite suite = new Gsm8kSuite(DATA.resolve(Gsm8kSuite.FOLDER));

        assertThat(suite.items()).hasSize(1319);
        SuiteItem first = suite.items().get(0);
        assertThat(first.id()).isEqualTo("test-0000");
        assertThat(first.question()).startsWith("Janet’s ducks lay 16 eggs per day.");
        assertThat(first.gold()).containsExactly("18");
        assertThat(suite.items().get(1318).id()).isEqualTo("test-1318");
        // Every gold answer is a number, some written with thousands separators ("2,125").
        assertThat(suite.items()).allSatisfy(i -> assertThat(i.gold().get(0)).matches("-?[\\d,]+"));
        assertThat(suite.setup(slice(suite)).isEmpty()).isTrue();
        assertThat(suite.score(first, suite.extract("16 - 3 - 4 = 9 eggs, 9 * 2 = $18.\n#### 18")))
                .containsEntry("numeric", 1.0);
        assertThat(suite.answerSchema()).isPresent();
        idsAreUniqueAndStable(suite, new Gsm8kSuite(DATA.resolve(Gsm8kSuite.FOLDER)));
    }

    @Test
    void hotpotqaClosedBookAndWithEvidenceShareTheirItems() throws Exception {
        HotpotQaSuite closed = new HotpotQaSuite(DATA.resolve(HotpotQaSuite.FOLDER), false);
        HotpotQaSuite evidence = new HotpotQaSuite(DATA.resolve(HotpotQaSuite.FOLDER), true);

        assertThat(closed.items()).hasSize(1000);
        SuiteItem first = closed.items().get(0);
        String question =
                "In what year was the university where Sergei Aleksandrovich Tokarev was a professor founded?";
        assertThat(first.question()).isEqualTo(question);
        String sha = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(question.getBytes(StandardCharsets.UTF_8)));
        assertThat(first.id()).isEqualTo("hp-" + sha.substring(0, 12));
        assertThat(first.gold()).containsExactly("1755");
        assertThat(first.category()).isEqualTo("bridge");
        assertThat(closed.items()).extracting(SuiteItem::category).containsOnly("bridge", "comparison");
        assertThat(evidence.items())
                .extracting(SuiteItem::id)
                .isEqualTo(closed.items().stream().map(SuiteItem::id).toList());
        assertThat(closed.metrics()).containsExactly("em", "f1");
        assertThat(closed.setup().isEmpty()).isTrue();

        SuiteSetup setup = evidence.setup(slice(evidence));
        assertThat(setup.facts()).isEmpty();
        assertThat(setup.documents()).isNotEmpty();
        assertThat(setup.documents()).extracting(SetupDocument::title).contains("Moscow State University");
        SetupDocument moscow = setup.documents().stream()
                .filter(d -> d.title().equals("Moscow State University"))
                .findFirst()
                .orElseThrow();
        assertThat(moscow.text()).contains("It was founded on January 25, 1755 by Mikhail Lomonosov.");
        // Every evidence title of the slice is a document, and only those.
        Set<String> titles = slice(evidence).stream()
                .flatMap(i -> i.metadata().get("evidence").lines())
                .map(l -> l.substring(0, l.indexOf(" | ")).strip())
                .collect(Collectors.toSet());
        assertThat(setup.documents()).extracting(SetupDocument::title).containsExactlyInAnyOrderElementsOf(titles);
        assertThat(evidence.setup().documents().size())
                .isGreaterThan(setup.documents().size());
        idsAreUniqueAndStable(closed, new HotpotQaSuite(DATA.resolve(HotpotQaSuite.FOLDER), false));
    }

    @Test
    void twoWikiImportsTheEvidenceTriplesAsFacts() {
        TwoWikiSuite suite = new TwoWikiSuite(DATA.resolve(TwoWikiSuite.FOLDER));

        assertThat(suite.items()).hasSize(1000);
        SuiteItem first = suite.items().get(0);
        assertThat(first.id()).isEqualTo("e93c07e8084f11ebbd56ac1f6bf848b6");
        assertThat(first.category()).isEqualTo("bridge_comparison");
        assertThat(first.gold()).containsExactly("What Price Hollywood?");
        assertThat(suite.items())
                .extracting(SuiteItem::category)
                .containsOnly("compositional", "comparison", "bridge_comparison", "inference");
        assertThat(suite.items().stream().filter(i -> i.category().equals("compositional")))
                .hasSize(441);

        SuiteSetup setup = suite.setup(slice(suite));
        assertThat(setup.documents()).isEmpty();
        assertThat(setup.facts()).isNotEmpty();
        Fact taxi = setup.facts().stream()
                .filter(f -> f.subject().equals("Taxi!") && f.predicate().equals("director"))
                .findFirst()
                .orElseThrow();
        assertThat(taxi.object()).isEqualTo("Roy Del Ruth");
        assertThat(taxi.source().uri()).isEqualTo("2wikimultihopqa:e93c07e8084f11ebbd56ac1f6bf848b6");
        assertThat(taxi.exclusive()).isFalse();
        // Each distinct triple once; the slice's facts are exactly its items' evidence lines.
        Set<String> lines = slice(suite).stream()
                .flatMap(i -> i.metadata().get("evidence").lines())
                .collect(Collectors.toSet());
        assertThat(setup.facts()).hasSize(lines.size());
        idsAreUniqueAndStable(suite, new TwoWikiSuite(DATA.resolve(TwoWikiSuite.FOLDER)));
    }

    @Test
    void scifactClaimsAreLabelledAndCiteTheirAbstracts() {
        SciFactClaimsSuite suite = new SciFactClaimsSuite(DATA.resolve(SciFactClaimsSuite.FOLDER));

        assertThat(suite.items()).hasSize(693);
        assertThat(suite.items().stream().filter(i -> i.gold().equals(List.of("SUPPORT"))))
                .hasSize(456);
        assertThat(suite.items().stream().filter(i -> i.gold().equals(List.of("CONTRADICT"))))
                .hasSize(237);
        SuiteItem first = suite.items().get(0);
        assertThat(first.id()).isEqualTo("2");
        assertThat(first.question()).isEqualTo("1 in 5 million in UK have abnormal PrP positivity.");
        assertThat(first.gold()).containsExactly("CONTRADICT");
        assertThat(first.metadata()).containsEntry("documents", "13734012");
        assertThat(suite.items()).extracting(i -> i.metadata().get("split")).containsOnly("test", "train");
        assertThat(suite.metrics()).containsExactly("accuracy");
        assertThat(suite.corpusMetrics()).extracting(m -> m.name()).containsExactly("macro_f1");

        List<SuiteItem> slice = slice(suite);
        SuiteSetup setup = suite.setup(slice);
        Set<String> cited = slice.stream()
                .flatMap(i -> List.of(i.metadata().get("documents").split(",")).stream())
                .map(d -> "scifact/" + d)
                .collect(Collectors.toSet());
        assertThat(setup.documents()).extracting(SetupDocument::id).containsExactlyInAnyOrderElementsOf(cited);
        assertThat(setup.documents()).allSatisfy(d -> assertThat(d.text()).isNotBlank());
        assertThat(suite.setup().documents()).hasSize(437);

        Extraction e = suite.extract("The abstract contradicts the claim.");
        assertThat(e).isEqualTo(new Extraction("CONTRADICT", "label"));
        assertThat(suite.score(first, e)).containsEntry("accuracy", 1.0);
        assertThat(suite.extract("{\"answer\": \"SUPPORT\"}").rule()).isEqualTo("json-field:answer");
        idsAreUniqueAndStable(suite, new SciFactClaimsSuite(DATA.resolve(SciFactClaimsSuite.FOLDER)));
    }

    @Test
    void aMissingDataFolderIsOneClearError(@TempDir Path empty) {
        Path nowhere = empty.resolve("gsm8k");

        assertThatThrownBy(() -> new Gsm8kSuite(nowhere))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(nowhere.toString())
                .hasMessageContaining("does not exist")
                .hasMessageContaining("test.jsonl");
        assertThatThrownBy(() -> new HotpotQaSuite(empty, true))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(
                        empty.resolve("hotpot_dev_gold_evidence_1000.json").toString());
        assertThatThrownBy(() -> new TwoWikiSuite(nowhere)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new SciFactClaimsSuite(empty))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("queries.jsonl");
    }
}
