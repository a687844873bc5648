package dev.noesis.retrieval.index;

import dev.noesis.core.retrieval.Retriever;
import dev.noesis.testing.RetrieverContract;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The retriever contract for an index built without an embedding model: BM25 only. */
class Bm25IndexRetrieverTest extends RetrieverContract {

    @TempDir
    static Path dirs;

    private int made;

    @Override
    protected Retriever retrieverOver(List<Document> documents) {
        return ContractCorpus.index(dirs.resolve("index-" + made++), null, documents);
    }
}
