package dev.noesis.memory.recall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.memory.Relation;
import org.junit.jupiter.api.Test;

class RecallPartsTest {

    @Test
    void theFulltextQueryHoldsOnlyWordsJoinedByOr() {
        assertThat(RecallEngine.fulltextQuery("Who directed \"Taxi!\"? (1932) AND title:x~2 OR NOT y*"))
                .isEqualTo("Who OR directed OR Taxi OR 1932 OR title OR x OR 2 OR y");
        assertThat(RecallEngine.fulltextQuery("?!")).isEmpty();
        assertThat(RecallEngine.fulltextQuery("word ".repeat(100)).split(" OR "))
                .hasSize(64);
    }

    @Test
    void edgesReadAsWords() {
        assertThat(Phrases.predicate(Relation.IS_A, "hypernym")).isEqualTo("is a");
        assertThat(Phrases.predicate(Relation.IS_A, "instance hypernym")).isEqualTo("is an instance of");
        assertThat(Phrases.predicate(Relation.PART_OF, "member holonym")).isEqualTo("is a member of");
        assertThat(Phrases.predicate(Relation.RELATED_TO, "antonym")).isEqualTo("is the opposite of");
        assertThat(Phrases.predicate(Relation.RELATED_TO, "director")).isEqualTo("director");
    }
}
