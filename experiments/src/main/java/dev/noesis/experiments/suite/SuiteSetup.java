package dev.noesis.experiments.suite;

import dev.noesis.core.memory.Fact;
import java.util.List;

/**
 * What a suite needs in place before its items run: documents for the index (for {@code rag}) and
 * facts for memory (for {@code memory-augmented}). The runner puts them into a data home of the
 * experiment's own, once, keyed by the content hash of this setup.
 *
 * @param documents documents to ingest
 * @param facts     facts to import into memory
 */
public record SuiteSetup(List<SetupDocument> documents, List<Fact> facts) {

    public static final SuiteSetup NONE = new SuiteSetup(List.of(), List.of());

    public SuiteSetup {
        documents = List.copyOf(documents);
        facts = List.copyOf(facts);
    }

    public boolean isEmpty() {
        return documents.isEmpty() && facts.isEmpty();
    }

    /**
     * A document to ingest.
     *
     * @param id    its stable id (becomes its source)
     * @param title its title, or empty
     * @param text  its text
     */
    public record SetupDocument(String id, String title, String text) {}
}
