package dev.noesis.memory.importer;

import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.WriteReport;
import java.util.List;

/**
 * Where an importer writes its facts: one bounded batch per call, in one transaction, with
 * nothing embedded (the embedding stage runs after the import). {@code Neo4jMemory} is one.
 */
public interface FactSink {

    /** The most facts one call may write. */
    int MAX_FACTS_PER_WRITE = 10_000;

    /** Writes {@code facts} (at most {@link #MAX_FACTS_PER_WRITE}) and says what changed. */
    WriteReport writeFacts(List<Fact> facts);
}
