package dev.noesis.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MemoryTypesTest {

    @Test
    void factsAreCheckedAndExclusiveByDefault() {
        Fact f = Fact.of("a", "b", "c", Provenance.of("test:x"));
        assertThat(f.exclusive()).isTrue();
        assertThat(f.nonExclusive().exclusive()).isFalse();
        assertThat(f.withConfidence(0.5).confidence()).isEqualTo(0.5);
        assertThatThrownBy(() -> Fact.of(" ", "b", "c", Provenance.of("x"))).hasMessageContaining("subject");
        assertThatThrownBy(() -> f.withConfidence(1.5)).hasMessageContaining("confidence");
        assertThatThrownBy(() -> Provenance.of("")).hasMessageContaining("uri");
    }

    @Test
    void recallOptionsAreBounded() {
        RecallOptions o = RecallOptions.DEFAULTS.withDepth(3).withRelations(Set.of(Relation.IS_A));
        assertThat(o.follows(Relation.IS_A)).isTrue();
        assertThat(o.follows(Relation.PART_OF)).isFalse();
        assertThat(RecallOptions.DEFAULTS.follows(Relation.PART_OF)).isTrue();
        assertThatThrownBy(() -> RecallOptions.DEFAULTS.withSeeds(0)).hasMessageContaining("seeds");
        assertThatThrownBy(() -> RecallOptions.DEFAULTS.withFanOut(10_000)).hasMessageContaining("fanOut");
        assertThatThrownBy(() -> RecallOptions.DEFAULTS.withLimit(501)).hasMessageContaining("limit");
    }

    @Test
    void statementsRenderAsCompactTriplesWithTheirSource() {
        MemoryStatement s = new MemoryStatement(
                "Alice",
                "lives in",
                "Paris",
                "doc:1",
                0.9,
                Optional.empty(),
                Optional.of(Instant.parse("2023-06-01T00:00:00Z")));
        assertThat(s.render()).isEqualTo("Alice | lives in | Paris  [doc:1; until 2023-06-01T00:00:00Z]");
        MemoryStatement bare = new MemoryStatement("a", "b", "c", "", 1, Optional.empty(), Optional.empty());
        RecallResult r = new RecallResult("cue", List.of(), List.of(), List.of(), List.of(s, bare));
        assertThat(r.render())
                .isEqualTo("- Alice | lives in | Paris  [doc:1; until 2023-06-01T00:00:00Z]\n- a | b | c\n");
        assertThat(r.render(1)).doesNotContain("a | b | c");
        assertThat(r.isEmpty()).isTrue();
        assertThat(new WriteReport(1, 2, 3, 4, 5).plus(new WriteReport(1, 1, 1, 1, 1)))
                .isEqualTo(new WriteReport(2, 3, 4, 5, 6));
    }
}
