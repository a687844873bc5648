package dev.noesis.wiring.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.memory.Episode;
import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.Memory;
import dev.noesis.core.memory.Provenance;
import dev.noesis.core.memory.RecallOptions;
import dev.noesis.core.memory.RecallResult;
import dev.noesis.core.memory.WriteReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An experiment's view of memory: recall goes through, writes stay out, so no item sees another's. */
class RecallOnlyMemoryTest {

    /** Remembers what it was asked; recalls the facts it holds. */
    private static final class Recording implements Memory {
        final List<Fact> held = new ArrayList<>();
        final List<String> cues = new ArrayList<>();
        boolean closed;

        @Override
        public WriteReport remember(List<Fact> facts) {
            held.addAll(facts);
            return new WriteReport(0, facts.size(), 0, 0, 0);
        }

        @Override
        public WriteReport record(Episode episode) {
            held.addAll(episode.facts());
            return new WriteReport(0, episode.facts().size(), 0, 0, 1);
        }

        @Override
        public RecallResult recall(String cue, RecallOptions options) {
            cues.add(cue);
            return new RecallResult(cue, List.of(), List.of(), List.of(), List.of());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void writesAreWithheldAndRecallAndCloseGoThrough() {
        Recording memory = new Recording();
        Fact setup = Fact.of("Ada Lovelace", "born in", "London", new Provenance("suite:setup", "setup"));
        memory.remember(List.of(setup));
        RecallOnlyMemory view = new RecallOnlyMemory(memory);

        Fact written = Fact.of("Ada Lovelace", "born in", "Paris", new Provenance("run:1", "item 1"));
        assertThat(view.record(new Episode("run-1", "Where was Ada born?", "Paris", Instant.now(), List.of(written))))
                .isEqualTo(WriteReport.NOTHING);
        assertThat(view.remember(List.of(written))).isEqualTo(WriteReport.NOTHING);
        assertThat(view.recall("Ada", RecallOptions.DEFAULTS).cue()).isEqualTo("Ada");

        assertThat(memory.held).as("only the setup's fact").containsExactly(setup);
        assertThat(memory.cues).containsExactly("Ada");
        assertThat(view.withheldWrites()).isEqualTo(2);
        view.close();
        assertThat(memory.closed).isTrue();
    }
}
