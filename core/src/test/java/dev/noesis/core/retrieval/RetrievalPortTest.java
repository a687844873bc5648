package dev.noesis.core.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.thought.Evidence;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrievalPortTest {

    @Test
    void filtersAreReadAsUsersTypeThem() {
        assertThat(MetadataFilter.parse("tag=physics"))
                .isEqualTo(new MetadataFilter("tag", MetadataFilter.Op.EQUALS, "physics"));
        assertThat(MetadataFilter.parse("Modified>=2025-01-01"))
                .isEqualTo(new MetadataFilter("modified", MetadataFilter.Op.AT_LEAST, "2025-01-01"));
        assertThat(MetadataFilter.parse("ingested<=2025-02-01T10:00:00Z").op()).isEqualTo(MetadataFilter.Op.AT_MOST);
        assertThat(MetadataFilter.parse("source=/docs/a=b.md").value()).isEqualTo("/docs/a=b.md");
        assertThat(MetadataFilter.parse("tag=physics").toString()).isEqualTo("tag=physics");
        for (String bad : List.of("physics", "=physics", "tag=", "a b=c")) {
            assertThatThrownBy(() -> MetadataFilter.parse(bad))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("field=value");
        }
    }

    @Test
    void queriesAreBounded() {
        assertThatThrownBy(() -> RetrievalQuery.of(" ", 5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> RetrievalQuery.of("q", 0)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> RetrievalQuery.of("q", RetrievalQuery.MAX_K + 1))
                .hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> RetrievalQuery.of("x".repeat(RetrievalQuery.MAX_TEXT_CHARS + 1), 5))
                .hasMessageContaining("limit");
        RetrievalQuery q = RetrievalQuery.of("boiling", 3).withFilter(MetadataFilter.equal("tag", "physics"));
        assertThat(q.filters()).containsExactly(MetadataFilter.equal("tag", "physics"));
    }

    @Test
    void aPassageBecomesEvidenceWithItsProvenance() {
        Passage p = new Passage(
                "Water boils at 100 C.",
                "/docs/water.md",
                "/docs/water.md",
                "Water",
                "/docs/water.md#2",
                0.032,
                List.of(new Passage.Part("bm25", 1, 7.5), new Passage.Part("dense", 3, 0.81)));
        assertThat(p.part("dense")).contains(new Passage.Part("dense", 3, 0.81));
        assertThat(p.part("other")).isEmpty();
        Evidence e = p.toEvidence("retriever");
        assertThat(e.text()).isEqualTo("Water boils at 100 C.");
        assertThat(e.source()).isEqualTo("Water (/docs/water.md) #2");
        assertThat(e.score()).isEqualTo(0.032);
        assertThat(e.module()).isEqualTo("retriever");
    }
}
