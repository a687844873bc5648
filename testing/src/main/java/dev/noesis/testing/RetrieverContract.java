package dev.noesis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noesis.core.retrieval.MetadataFilter;
import dev.noesis.core.retrieval.Passage;
import dev.noesis.core.retrieval.RetrievalQuery;
import dev.noesis.core.retrieval.Retriever;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link Retriever} must do, as tests that each implementation's test class extends:
 * at most k passages, best first; the document a query names is found first; a metadata filter
 * keeps only what passes it; an empty index or a filter nothing passes gives an empty list, not an
 * error; the name is not blank; concurrent searches give what sequential ones give; and every
 * passage carries its document, its source and its text.
 *
 * <p>A subclass builds a retriever over the documents the contract hands it ({@link #CORPUS},
 * and an empty list), each document being one short text that fits one passage. Passages are
 * matched to the documents by their text, so a retriever may give documents ids and sources of
 * its own (file paths, say). The contract builds each retriever once for the class and closes it
 * at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RetrieverContract {

    /**
     * A document to index.
     *
     * @param id    a short name, unique in the corpus (a retriever may use it as the document's id)
     * @param title the document's title
     * @param text  its text: one passage
     * @param tags  labels a {@link MetadataFilter#TAG} filter selects on
     */
    public record Document(String id, String title, String text, List<String> tags) {
        public Document {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(text, "text");
            tags = List.copyOf(tags);
        }
    }

    /** Eight short documents on unrelated subjects, three of them tagged {@code biology}. */
    public static final List<Document> CORPUS = List.of(
            new Document(
                    "altitude",
                    "Boiling at altitude",
                    "Water boils at a lower temperature at high altitude because the air pressure is lower.",
                    List.of("physics")),
            new Document(
                    "mitochondria",
                    "Mitochondria",
                    "Mitochondria generate most of the cell's supply of ATP, the molecule cells use for energy.",
                    List.of("biology")),
            new Document(
                    "eiffel",
                    "Eiffel Tower",
                    "The Eiffel Tower in Paris was completed in 1889 for the World's Fair.",
                    List.of("history")),
            new Document(
                    "photosynthesis",
                    "Photosynthesis",
                    "Photosynthesis converts light energy into chemical energy stored in glucose.",
                    List.of("biology")),
            new Document(
                    "cooker",
                    "Pressure cookers",
                    "A pressure cooker raises the boiling point of water, so food cooks faster.",
                    List.of("physics", "kitchen")),
            new Document(
                    "lucene",
                    "Lucene",
                    "Lucene is a search library written in Java; it ranks documents with BM25.",
                    List.of("software")),
            new Document(
                    "penguins",
                    "Penguins",
                    "Penguins are flightless birds that live almost exclusively in the Southern Hemisphere.",
                    List.of("biology")),
            new Document(
                    "kubernetes",
                    "Kubernetes",
                    "Kubernetes schedules containers across a cluster of machines.",
                    List.of("software")));

    /** Queries that name one document each (and share words with others, so that order matters), with the document. */
    private static final Map<String, String> NAMING = Map.of(
            "mitochondria and the energy of cells", "mitochondria",
            "light energy in photosynthesis", "photosynthesis",
            "pressure cookers and the boiling point of water", "cooker",
            "Kubernetes schedules containers, not documents", "kubernetes");

    private Retriever corpus;
    private Retriever empty;

    /**
     * A retriever over these documents (none, for the empty case), each with its title, text and
     * tags. The contract closes it.
     */
    protected abstract Retriever retrieverOver(List<Document> documents) throws Exception;

    /** Whether the retriever applies {@link RetrievalQuery#filters()}; one that does must honour a {@code tag} filter. */
    protected boolean filters() {
        return true;
    }

    private Retriever corpus() throws Exception {
        if (corpus == null) {
            corpus = retrieverOver(CORPUS);
        }
        return corpus;
    }

    private Retriever empty() throws Exception {
        if (empty == null) {
            empty = retrieverOver(List.of());
        }
        return empty;
    }

    @AfterAll
    void closeRetrievers() {
        try {
            if (corpus != null) {
                corpus.close();
            }
        } finally {
            if (empty != null) {
                empty.close();
            }
        }
    }

    /** The corpus document a passage comes from: the one whose text holds the passage's. */
    protected static Document documentOf(Passage p) {
        String text = p.text().strip();
        return CORPUS.stream()
                .filter(d -> d.text().contains(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("a passage that is part of no document: " + p));
    }

    private static List<String> ids(List<Passage> passages) {
        return passages.stream().map(p -> documentOf(p).id()).toList();
    }

    @Test
    void atMostKPassagesBestFirst() throws Exception {
        for (int k : new int[] {1, 2, 3, CORPUS.size() + 5}) {
            List<Passage> hits = corpus().retrieve(RetrievalQuery.of("water energy boiling light cells", k));

            assertThat(hits).as("k=" + k).isNotEmpty().hasSizeLessThanOrEqualTo(k);
            for (int i = 1; i < hits.size(); i++) {
                assertThat(hits.get(i).score())
                        .as("score of passage " + (i + 1) + " with k=" + k)
                        .isLessThanOrEqualTo(hits.get(i - 1).score());
            }
        }
        assertThat(corpus().retrieve(RetrievalQuery.of("water boiling", 1))).hasSize(1);
    }

    @Test
    void aQueryThatNamesADocumentFindsItFirst() throws Exception {
        for (Map.Entry<String, String> q : NAMING.entrySet()) {
            List<Passage> hits = corpus().retrieve(RetrievalQuery.of(q.getKey(), 3));

            assertThat(ids(hits)).as(q.getKey()).isNotEmpty().first().isEqualTo(q.getValue());
        }
    }

    @Test
    void aFilterKeepsOnlyThePassagesThatPassIt() throws Exception {
        if (!filters()) {
            return;
        }
        List<String> biology = CORPUS.stream()
                .filter(d -> d.tags().contains("biology"))
                .map(Document::id)
                .toList();
        List<Passage> hits = corpus().retrieve(RetrievalQuery.of("energy", CORPUS.size())
                .withFilter(MetadataFilter.equal(MetadataFilter.TAG, "biology")));

        assertThat(ids(hits)).isNotEmpty().allMatch(biology::contains);
        assertThat(ids(corpus().retrieve(RetrievalQuery.of("boiling water", CORPUS.size())
                        .withFilter(MetadataFilter.equal(MetadataFilter.TAG, "kitchen")))))
                .containsExactly("cooker");
    }

    @Test
    void anEmptyIndexOrAFilterNothingPassesGivesNoPassages() throws Exception {
        assertThat(empty().retrieve(RetrievalQuery.of("water boiling", 5))).isEmpty();
        if (filters()) {
            assertThat(corpus().retrieve(RetrievalQuery.of("water boiling", 5)
                            .withFilter(MetadataFilter.equal(MetadataFilter.TAG, "no-document-has-this-tag"))))
                    .isEmpty();
        }
    }

    @Test
    void theNameIsNotBlank() throws Exception {
        assertThat(corpus().name()).isNotBlank();
        assertThat(empty().name()).isNotBlank();
    }

    @Test
    void concurrentRetrievesGiveWhatSequentialOnesGive() throws Exception {
        Retriever r = corpus();
        List<RetrievalQuery> queries = new ArrayList<>();
        for (String q : NAMING.keySet()) {
            queries.add(RetrievalQuery.of(q, 4));
        }
        queries.add(RetrievalQuery.of("why water boils sooner on mountains", 5));
        queries.add(RetrievalQuery.of("energy in living things", 3));
        List<List<Passage>> sequential = new ArrayList<>();
        for (RetrievalQuery q : queries) {
            sequential.add(r.retrieve(q));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Passage>>> futures = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (RetrievalQuery q : queries) {
                    futures.add(pool.submit(() -> r.retrieve(q)));
                }
            }
            // The same passages in the same order, each score equal to within float rounding: an
            // embedding computed while others run may sum in another order (ONNX Runtime's threads),
            // which moves a dense score in its seventh digit (measured: 0.85160279 against 0.85160291).
            Comparator<Double> rounding =
                    (a, b) -> Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(a)) ? 0 : Double.compare(a, b);
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get())
                        .as(queries.get(i % queries.size()).text())
                        .usingRecursiveComparison()
                        .withComparatorForType(rounding, Double.class)
                        .isEqualTo(sequential.get(i % queries.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void passagesCarryTheirDocumentSourceAndText() throws Exception {
        Map<String, String> sourceOf = new HashMap<>();
        for (String q : List.of("water boiling", "energy", "Eiffel Tower", "search library Java")) {
            for (Passage p : corpus().retrieve(RetrievalQuery.of(q, CORPUS.size()))) {
                assertThat(p.text()).as(q).isNotBlank();
                assertThat(p.documentId()).as(q).isNotBlank();
                assertThat(p.source()).as(q).isNotBlank();
                assertThat(p.chunkId()).as(q).isNotBlank();
                Document d = documentOf(p);
                // One document, one source, whichever query found it.
                assertThat(sourceOf.putIfAbsent(d.id(), p.source())).as(d.id()).isIn(null, p.source());
                assertThat(p.toEvidence("contract").source()).contains(p.source());
            }
        }
        assertThat(sourceOf).isNotEmpty();
    }
}
