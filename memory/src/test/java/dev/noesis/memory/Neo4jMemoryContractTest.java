package dev.noesis.memory;

import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.Memory;
import dev.noesis.memory.graph.Names;
import dev.noesis.memory.testing.TestNeo4j;
import dev.noesis.testing.MemoryContract;
import java.util.Map;

/** The memory contract for Neo4jMemory, on the local server the memory tests share. */
class Neo4jMemoryContractTest extends MemoryContract {

    @Override
    protected Memory freshMemory() {
        return TestNeo4j.freshMemory();
    }

    /**
     * A fact node that holds the fact's id but not its key: the write does not find it as the same
     * fact, creates one with that id, and the uniqueness constraint on fact ids fails the transaction
     * (after the batch's concepts and earlier facts were written in it).
     */
    @Override
    protected void makeTheWriteOfFail(Memory memory, Fact fact) {
        ((Neo4jMemory) memory)
                .graph()
                .execute(
                        "CREATE (:Fact {id: $id})",
                        Map.of("id", Names.factKey(fact.subject(), fact.predicate(), fact.object())));
    }
}
