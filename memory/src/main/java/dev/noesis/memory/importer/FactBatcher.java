package dev.noesis.memory.importer;

import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.WriteReport;
import java.util.ArrayList;
import java.util.List;

/** Collects facts and writes them in batches, one transaction each. */
final class FactBatcher {

    private final FactSink memory;
    private final int size;
    private final List<Fact> pending = new ArrayList<>();
    private WriteReport report = WriteReport.NOTHING;
    private long read;

    FactBatcher(FactSink memory, int size) {
        if (size < 1 || size > FactSink.MAX_FACTS_PER_WRITE) {
            throw new IllegalArgumentException(
                    "batch size must be 1 to " + FactSink.MAX_FACTS_PER_WRITE + ", got " + size);
        }
        this.memory = memory;
        this.size = size;
    }

    /** Adds a fact; returns true when that wrote a batch. */
    boolean add(Fact fact) {
        pending.add(fact);
        read++;
        if (pending.size() >= size) {
            flush();
            return true;
        }
        return false;
    }

    void flush() {
        if (!pending.isEmpty()) {
            report = report.plus(memory.writeFacts(List.copyOf(pending)));
            pending.clear();
        }
    }

    long read() {
        return read;
    }

    WriteReport report() {
        return report;
    }
}
