package dev.noesis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.NoesisException;
import dev.noesis.core.memory.Episode;
import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.Memory;
import dev.noesis.core.memory.MemoryStatement;
import dev.noesis.core.memory.Provenance;
import dev.noesis.core.memory.RecallOptions;
import dev.noesis.core.memory.RecallResult;
import dev.noesis.core.memory.WriteReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Memory} must do, through the port only, as tests that each implementation's
 * test class extends: writes are idempotent (the same fact twice is one fact, confirmed) and keep
 * their provenance; recall finds a fact by its subject, and the facts of a recorded episode; an
 * exclusive fact that contradicts a current one closes it without losing it (recall as of an earlier
 * time still finds it); and a batch that fails part-way writes none of its facts.
 *
 * <p>A subclass gives an empty memory for each test and a way to make one write fail inside its
 * transaction, the way a store fails part-way through a batch.
 */
public abstract class MemoryContract {

    protected static final Provenance SOURCE = new Provenance("test:contract-doc", "the contract's document");

    /** An empty memory; the contract closes it after the test. */
    protected abstract Memory freshMemory();

    /**
     * Arranges that a write of {@code fact} to {@code memory} fails inside its transaction, after the
     * facts before it in the same batch have been written in that transaction (a constraint the store
     * enforces, a lost connection).
     */
    protected abstract void makeTheWriteOfFail(Memory memory, Fact fact);

    private Memory memory;

    @BeforeEach
    void openMemory() {
        memory = freshMemory();
    }

    @AfterEach
    void closeMemory() {
        memory.close();
    }

    /** The memory of the current test. */
    protected Memory memory() {
        return memory;
    }

    @Test
    void theSameFactTwiceIsOneFactConfirmed() {
        List<Fact> facts = List.of(
                Fact.of("Ada Lovelace", "notable work", "Note G", SOURCE).nonExclusive());

        WriteReport first = memory.remember(facts);
        WriteReport again = memory.remember(facts);

        assertThat(first.factsCreated()).isEqualTo(1);
        assertThat(again.factsCreated()).isZero();
        assertThat(again.factsConfirmed()).isEqualTo(1);
        assertThat(statements(memory.recall("Ada Lovelace"), "Ada Lovelace", "notable work", "Note G"))
                .hasSize(1);
    }

    @Test
    void recallFindsARememberedFactByItsSubject() {
        memory.remember(List.of(
                Fact.of("Marie Curie", "award received", "Nobel Prize in Physics", SOURCE)
                        .nonExclusive(),
                Fact.of("Johannes Kepler", "discovered", "laws of planetary motion", SOURCE)
                        .nonExclusive()));

        RecallResult r = memory.recall("Marie Curie");

        assertThat(r.isEmpty()).isFalse();
        assertThat(statements(r, "Marie Curie", "award received", "Nobel Prize in Physics"))
                .isNotEmpty();
    }

    @Test
    void provenanceIsKept() {
        Provenance other = new Provenance("test:contract-other", "another document");
        memory.remember(List.of(
                Fact.of("Grace Hopper", "developed", "COBOL", SOURCE),
                Fact.of("Alan Turing", "proposed", "the imitation game", other)));

        assertThat(statements(memory.recall("Grace Hopper"), "Grace Hopper", "developed", "COBOL"))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.source()).isEqualTo(SOURCE.uri()));
        assertThat(statements(memory.recall("Alan Turing"), "Alan Turing", "proposed", "the imitation game"))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.source()).isEqualTo(other.uri()));
    }

    @Test
    void recallFindsTheFactsOfARecordedEpisode() {
        Episode run = new Episode(
                "contract-run-1",
                "What is the capital of Burkina Faso?",
                "Ouagadougou.",
                Instant.parse("2026-01-01T10:00:00Z"),
                List.of(Fact.of("Burkina Faso", "capital", "Ouagadougou", Provenance.of("run:contract-run-1"))));

        WriteReport w = memory.record(run);

        assertThat(w.episodes()).isEqualTo(1);
        assertThat(w.factsCreated()).isEqualTo(1);
        assertThat(statements(memory.recall("Burkina Faso"), "Burkina Faso", "capital", "Ouagadougou"))
                .isNotEmpty();
        assertThat(memory.record(run).episodes()).as("the same run again").isZero();
    }

    @Test
    void anExclusiveContradictingFactClosesTheOldOneWithoutLosingIt() {
        Instant moved = Instant.parse("2023-06-01T00:00:00Z");
        memory.remember(List.of(Fact.of("Alice Liddell", "lives in", "Oxford", SOURCE)
                .withValidFrom(Instant.parse("2020-01-01T00:00:00Z"))));

        WriteReport w = memory.remember(List.of(
                Fact.of("Alice Liddell", "lives in", "Lyndhurst", SOURCE).withValidFrom(moved)));

        assertThat(w.factsSuperseded()).isEqualTo(1);
        RecallResult now = memory.recall("Alice Liddell");
        assertThat(statements(now, "Alice Liddell", "lives in", "Lyndhurst")).isNotEmpty();
        assertThat(current(now, "Alice Liddell", "lives in", "Oxford"))
                .as("no longer believed")
                .isEmpty();
        RecallResult before =
                memory.recall("Alice Liddell", RecallOptions.DEFAULTS.withAsOf(Instant.parse("2021-01-01T00:00:00Z")));
        assertThat(statements(before, "Alice Liddell", "lives in", "Oxford"))
                .as("kept, as what was believed then")
                .isNotEmpty();
        assertThat(statements(before, "Alice Liddell", "lives in", "Lyndhurst")).isEmpty();
    }

    @Test
    void aBatchThatFailsWritesNone() {
        Fact first = Fact.of("Niels Bohr", "born in", "Copenhagen", SOURCE);
        Fact second = Fact.of("Lise Meitner", "field of work", "nuclear physics", SOURCE)
                .nonExclusive();
        Fact failing = Fact.of("Niels Bohr", "born in", "Kopenhagen", SOURCE);
        makeTheWriteOfFail(memory, failing);

        assertThatThrownBy(() -> memory.remember(List.of(first, second, failing)))
                .isInstanceOf(NoesisException.class);

        assertThat(statements(memory.recall("Niels Bohr"), "Niels Bohr", "born in", "Copenhagen"))
                .isEmpty();
        assertThat(statements(memory.recall("Lise Meitner"), "Lise Meitner", "field of work", "nuclear physics"))
                .isEmpty();
        assertThat(memory.remember(List.of(first, second)).factsCreated())
                .as("the batch without the failing fact")
                .isEqualTo(2);
    }

    /** The recalled statements of one triple. */
    protected static List<MemoryStatement> statements(RecallResult r, String subject, String predicate, String object) {
        return r.statements().stream()
                .filter(s -> s.subject().equals(subject)
                        && s.predicate().equals(predicate)
                        && s.object().equals(object))
                .toList();
    }

    /** The recalled statements of one triple that are believed now (not closed). */
    private static List<MemoryStatement> current(RecallResult r, String subject, String predicate, String object) {
        return statements(r, subject, predicate, object).stream()
                .filter(s -> s.validTo().equals(Optional.empty()))
                .toList();
    }
}
