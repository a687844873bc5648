package dev.noesis.memory.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void namesNormaliseAcrossCaseAccentsAndPunctuation() {
        assertThat(Names.normalise("  Gödel,   KURT! ")).isEqualTo("godel kurt");
        assertThat(Names.normalise("Ｆｕｌｌ－ｗｉｄｔｈ")).isEqualTo("full width");
        assertThat(Names.conceptId("Barack Obama")).isEqualTo(Names.conceptId("barack  obama."));
        assertThat(Names.conceptId("!!!")).isEqualTo("c:!!!");
    }

    @Test
    void factKeysIgnoreSpellingButNotMeaning() {
        assertThat(Names.factKey("Ada Lovelace", "Notable work", "Note G"))
                .isEqualTo(Names.factKey("ada lovelace", "notable work", "note g"))
                .startsWith("f:")
                .hasSize(26);
        assertThat(Names.factKey("a", "b", "c")).isNotEqualTo(Names.factKey("c", "b", "a"));
        assertThat(Names.factKey("a b", "c", "d")).isNotEqualTo(Names.factKey("a", "b c", "d"));
    }

    @Test
    void signsAndSymbolsThatCarryMeaningAreKept() {
        assertThat(List.of(Names.conceptId("C"), Names.conceptId("C++"), Names.conceptId("C#"), Names.conceptId("F#")))
                .containsExactly("c:c", "c:c++", "c:c#", "c:f#");
        assertThat(Names.factKey("Freezer", "temperature celsius", "-18"))
                .isNotEqualTo(Names.factKey("Freezer", "temperature celsius", "18"));
        assertThat(Names.normalise("\u221218 °C"))
                .isEqualTo(Names.normalise("-18 °C"))
                .isEqualTo("-18 c");
        assertThat(Names.normalise("-$500")).isEqualTo("-$500");
        assertThat(Names.normalise("$500")).isEqualTo("$500");
        assertThat(Names.normalise("+5")).isNotEqualTo(Names.normalise("5"));
        assertThat(Names.normalise("50%")).isEqualTo("50%");
        assertThat(Names.normalise("€10")).isNotEqualTo(Names.normalise("£10"));
        assertThat(Names.normalise("Python 3.11")).isEqualTo("python 3.11").isNotEqualTo(Names.normalise("Python 311"));
        assertThat(Names.normalise(".NET")).isEqualTo(".net");
        assertThat(Names.normalise("-.5")).isEqualTo("-.5");
        // Punctuation that only separates words is still punctuation.
        assertThat(Names.normalise("Jean-Paul Sartre")).isEqualTo("jean paul sartre");
        assertThat(Names.normalise("Dr. Smith.")).isEqualTo("dr smith");
        assertThat(Names.normalise("COVID-19")).isEqualTo("covid 19");
        assertThat(Names.normalise("Node.js")).isEqualTo("node js");
        assertThat(Names.normalise("𠀀𠀁 Ω")).isEqualTo("𠀀𠀁 ω");
    }

    @Test
    void theNewNamesOnlySplitWhatTheOldOnesJoined() {
        // The migration relies on it: two names with one new key had one old key.
        List<String> names = List.of(
                "C",
                "C++",
                "C#",
                "c + +",
                "-18",
                "18",
                "- 18",
                "$500",
                "-$500",
                "3.14",
                "3 14",
                ".NET",
                "net",
                "Jean-Paul",
                "jean paul",
                "v1.2",
                "v1 2",
                "F#",
                "50 %",
                "50%",
                "Gödel, Kurt",
                "godel kurt");
        for (String a : names) {
            for (String b : names) {
                if (Names.normalise(a).equals(Names.normalise(b))) {
                    assertThat(IdentityMigration.legacyNormalise(a))
                            .as(a + " / " + b)
                            .isEqualTo(IdentityMigration.legacyNormalise(b));
                }
            }
            assertThat(IdentityMigration.legacyNormalise(Names.normalise(a)))
                    .as(a)
                    .isEqualTo(IdentityMigration.legacyNormalise(a));
        }
    }

    @Test
    void distinguishingTokensAreNumbersSignsVersionsAndOrdinals() {
        assertThat(Names.distinguishing("Entity77")).containsExactly("entity77");
        assertThat(Names.distinguishing("Entity777")).isNotEqualTo(Names.distinguishing("Entity77"));
        assertThat(Names.distinguishing("Louis XIV")).containsExactly("xiv");
        assertThat(Names.distinguishing("Elizabeth II")).isNotEqualTo(Names.distinguishing("Elizabeth I"));
        assertThat(Names.distinguishing("the Second World War")).containsExactly("second");
        assertThat(Names.distinguishing("C++")).isNotEqualTo(Names.distinguishing("C"));
        assertThat(Names.distinguishing("Grace Hopper")).isEmpty();
        assertThat(Names.distinguishing("Hopper, Grace")).isEqualTo(Names.distinguishing("Grace Hopper"));
        assertThat(Names.distinguishing("Windows 10 Pro")).isEqualTo(Names.distinguishing("Pro Windows 10"));
    }
}
