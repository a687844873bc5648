package dev.noesis.retrieval.index;

import dev.noesis.core.retrieval.Retriever;
import dev.noesis.embeddings.DjlEmbedder;
import dev.noesis.retrieval.TestModels;
import dev.noesis.testing.RetrieverContract;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The retriever contract for an index with the real default embedding model: hybrid (BM25 and dense, fused). */
class HybridIndexRetrieverTest extends RetrieverContract {

    @TempDir
    static Path dirs;

    private static DjlEmbedder embedder;

    private int made;

    @BeforeAll
    static void loadModel() {
        embedder = TestModels.open();
    }

    @AfterAll
    static void closeModel() {
        embedder.close();
    }

    @Override
    protected Retriever retrieverOver(List<Document> documents) {
        LuceneHybridIndex index = ContractCorpus.index(dirs.resolve("index-" + made++), embedder, documents);
        if (index.embedding().wordsOnly()) {
            index.close();
            throw new AssertionError("the index was meant to hold vectors");
        }
        return index;
    }
}
