package dev.noesis.memory;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(Names.factKey("Ada Lovelace", "Notable work", "Note G")).isEqualTo(Names.factKey("ada lovelace", "notable work", "note g"))
                .startsWith("f:").hasSize(26);
        assertThat(Names.factKey("a", "b", "c")).isNotEqualTo(Names.factKey("c", "b", "a"));
        assertThat(Names.factKey("a b", "c", "d")).isNotEqualTo(Names.factKey("a", "b c", "d"));
    }
}
