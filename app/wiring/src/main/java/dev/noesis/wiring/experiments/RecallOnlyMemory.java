package dev.noesis.wiring.experiments;

import dev.noesis.core.memory.Episode;
import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.Memory;
import dev.noesis.core.memory.RecallOptions;
import dev.noesis.core.memory.RecallResult;
import dev.noesis.core.memory.WriteReport;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory as an experiment's arms see it: recall reads the suite's data home (the facts its setup
 * imported), and writes are not kept. A pipeline such as {@code memory-augmented} stores each run's
 * answer and facts; in an experiment that would let an item recall what earlier items wrote, so that
 * scores would depend on the order of items, on {@code --parallel} and on where a resumed run picked
 * up. Each item is an episode of its own: it sees the setup and nothing of the others. A module's
 * write reports nothing stored, which its trace shows.
 */
final class RecallOnlyMemory implements Memory {

    private final Memory memory;
    private final AtomicLong withheld = new AtomicLong();

    /** @param memory the data home's memory, closed with this view */
    RecallOnlyMemory(Memory memory) {
        this.memory = memory;
    }

    /** Writes asked for and not kept. */
    long withheldWrites() {
        return withheld.get();
    }

    @Override
    public WriteReport remember(List<Fact> facts) {
        withheld.incrementAndGet();
        return WriteReport.NOTHING;
    }

    @Override
    public WriteReport record(Episode episode) {
        withheld.incrementAndGet();
        return WriteReport.NOTHING;
    }

    @Override
    public RecallResult recall(String cue, RecallOptions options) {
        return memory.recall(cue, options);
    }

    @Override
    public void close() {
        memory.close();
    }
}
