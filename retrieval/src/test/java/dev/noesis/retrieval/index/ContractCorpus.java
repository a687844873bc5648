package dev.noesis.retrieval.index;

import dev.noesis.core.embedding.Embedder;
import dev.noesis.retrieval.chunking.Chunk;
import dev.noesis.testing.RetrieverContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The retriever contract's documents written into a new index, one chunk each. */
final class ContractCorpus {

    private ContractCorpus() {}

    /** A writable index in {@code dir} holding the documents, committed. */
    static LuceneHybridIndex index(Path dir, Embedder embedder, List<RetrieverContract.Document> documents) {
        LuceneHybridIndex index = LuceneHybridIndex.open(dir, embedder, IndexSettings.DEFAULTS);
        try {
            for (RetrieverContract.Document d : documents) {
                index.upsert(
                        new IndexedDocument(
                                d.id(), "/corpus/" + d.id() + ".txt", d.title(), "txt", d.tags(), null, "", Map.of()),
                        List.of(new Chunk(0, d.text(), "")));
            }
            index.commit();
            return index;
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }
}
