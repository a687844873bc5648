package dev.noesis.retrieval.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.noesis.core.error.BackendException;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.Remedy;
import dev.noesis.core.retrieval.MetadataFilter;
import dev.noesis.core.retrieval.Passage;
import dev.noesis.core.retrieval.RetrievalQuery;
import dev.noesis.embeddings.DjlEmbedder;
import dev.noesis.retrieval.TestModels;
import dev.noesis.retrieval.chunking.Chunk;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hybrid index through real Lucene and the real default embedding model, on a small corpus checked by hand. */
class LuceneHybridIndexTest {

    private static DjlEmbedder embedder;

    @TempDir
    Path dir;

    private LuceneHybridIndex index;

    @BeforeAll
    static void loadModel() {
        embedder = TestModels.open();
    }

    @AfterAll
    static void closeModel() {
        embedder.close();
    }

    @BeforeEach
    void fill() {
        index = LuceneHybridIndex.open(dir, embedder, IndexSettings.DEFAULTS);
        add(
                "altitude",
                "Boiling at altitude",
                "Water boils at a lower temperature at high altitude because the air pressure is lower.",
                List.of("physics"),
                "2024-03-01T00:00:00Z");
        add(
                "mitochondria",
                "Mitochondria",
                "Mitochondria generate most of the cell's supply of ATP, the molecule cells use for energy.",
                List.of("biology"),
                "2024-05-10T00:00:00Z");
        add(
                "eiffel",
                "Eiffel Tower",
                "The Eiffel Tower in Paris was completed in 1889 for the World's Fair.",
                List.of("history"),
                "2023-01-01T00:00:00Z");
        add(
                "photosynthesis",
                "Photosynthesis",
                "Photosynthesis converts light energy into chemical energy stored in glucose.",
                List.of("biology"),
                "2024-06-01T00:00:00Z");
        add(
                "cooker",
                "Pressure cookers",
                "A pressure cooker raises the boiling point of water, so food cooks faster.",
                List.of("physics", "kitchen"),
                "2025-02-01T00:00:00Z");
        add(
                "lucene",
                "Lucene",
                "Lucene is a search library written in Java; it ranks documents with BM25.",
                List.of("software"),
                "2025-01-15T00:00:00Z");
        add(
                "penguins",
                "Penguins",
                "Penguins are flightless birds that live almost exclusively in the Southern Hemisphere.",
                List.of("biology"),
                "2022-07-01T00:00:00Z");
        add(
                "kubernetes",
                "Kubernetes",
                "Kubernetes schedules containers across a cluster of machines.",
                List.of("software"),
                "2025-03-01T00:00:00Z");
    }

    @AfterEach
    void close() {
        index.close();
    }

    private void add(String id, String title, String text, List<String> tags, String modified) {
        index.upsert(
                new IndexedDocument(
                        id,
                        "/docs/" + id + ".md",
                        title,
                        "md",
                        tags,
                        Instant.parse(modified),
                        "hash-" + id,
                        Map.of("lang", "en")),
                List.of(new Chunk(0, text, "")));
    }

    private List<String> ids(List<Passage> passages) {
        return passages.stream().map(Passage::documentId).toList();
    }

    @Test
    void bm25RanksByTheWordsAndCarriesItsScore() {
        List<Passage> hits = index.search(RetrievalQuery.of("Eiffel Tower 1889", 3), SearchMode.BM25);

        assertThat(ids(hits)).containsExactly("eiffel");
        Passage p = hits.getFirst();
        assertThat(p.text()).startsWith("The Eiffel Tower");
        assertThat(p.source()).isEqualTo("/docs/eiffel.md");
        assertThat(p.title()).isEqualTo("Eiffel Tower");
        assertThat(p.chunkId()).isEqualTo("eiffel#0");
        assertThat(p.parts()).hasSize(1);
        assertThat(p.part("bm25").orElseThrow().rank()).isEqualTo(1);
        assertThat(p.score()).isEqualTo(p.part("bm25").orElseThrow().score()).isPositive();

        // Stemming (English analyzer): "boiling" finds "boils"; both boiling documents, none other.
        assertThat(ids(index.search(RetrievalQuery.of("boiling water", 5), SearchMode.BM25)))
                .containsExactlyInAnyOrder("altitude", "cooker");
        // Only stop words: nothing to match, no error.
        assertThat(index.search(RetrievalQuery.of("the of and", 5), SearchMode.BM25))
                .isEmpty();
        // Query syntax is not interpreted.
        assertThat(index.search(RetrievalQuery.of("Lucene AND (java OR \"bm25\") title:*", 5), SearchMode.BM25)
                        .getFirst()
                        .documentId())
                .isEqualTo("lucene");
    }

    @Test
    void denseFindsMeaningWithoutSharedWords() {
        // No word of the query is in the corpus (BM25 finds nothing); the embedding still knows.
        assertThat(index.search(RetrievalQuery.of("huge metal landmark in France", 3), SearchMode.BM25))
                .isEmpty();
        List<Passage> hits = index.search(RetrievalQuery.of("huge metal landmark in France", 3), SearchMode.DENSE);

        assertThat(hits).hasSize(3);
        assertThat(hits.getFirst().documentId()).isEqualTo("eiffel");
        Passage.Part dense = hits.getFirst().part("dense").orElseThrow();
        assertThat(dense.rank()).isEqualTo(1);
        assertThat(dense.score()).isBetween(0.3, 1.0).isEqualTo(hits.getFirst().score());
        assertThat(hits.get(1).score()).isLessThan(hits.get(0).score());

        assertThat(index.search(RetrievalQuery.of("which animals cannot fly", 1), SearchMode.DENSE)
                        .getFirst()
                        .documentId())
                .isEqualTo("penguins");
    }

    @Test
    void hybridFusesBothRankingsByReciprocalRank() {
        RetrievalQuery q = RetrievalQuery.of("why water boils sooner on mountains", 8);
        List<Passage> bm25 = index.search(q, SearchMode.BM25);
        List<Passage> dense = index.search(q, SearchMode.DENSE);
        List<Passage> hybrid = index.search(q, SearchMode.HYBRID);

        assertThat(hybrid.getFirst().documentId()).isEqualTo("altitude");
        for (Passage p : hybrid) {
            double expected = 0;
            for (Passage.Part part : p.parts()) {
                expected += 1.0 / (60 + part.rank());
                List<Passage> ranking = part.ranking().equals("bm25") ? bm25 : dense;
                assertThat(ranking.get(part.rank() - 1).documentId())
                        .as(part.ranking() + " rank of " + p.documentId())
                        .isEqualTo(p.documentId());
                assertThat(part.score()).isCloseTo(ranking.get(part.rank() - 1).score(), within(1e-5));
            }
            assertThat(p.score()).as(p.documentId()).isCloseTo(expected, within(1e-12));
        }
        Passage top = hybrid.getFirst();
        assertThat(top.part("bm25")).isPresent();
        assertThat(top.part("dense")).isPresent();
        // Every passage either ranking found is in the fused list (8 is the whole corpus).
        assertThat(ids(hybrid)).containsAll(ids(bm25)).containsAll(ids(dense));

        // With the dense weight at zero, the fused order is BM25's.
        List<Passage> bm25Only = index.search(q, SearchMode.HYBRID, FusionSettings.DEFAULTS.withWeights(1, 0));
        assertThat(ids(bm25Only).subList(0, bm25.size())).isEqualTo(ids(bm25));
        // retrieve() (the port) is hybrid for an index with embeddings.
        assertThat(ids(index.retrieve(q))).isEqualTo(ids(hybrid));
    }

    @Test
    void filtersApplyToEveryRanking() {
        MetadataFilter biology = MetadataFilter.equal("tag", "biology");
        for (SearchMode mode : SearchMode.values()) {
            List<Passage> hits =
                    index.search(RetrievalQuery.of("energy in living things", 8).withFilter(biology), mode);
            assertThat(ids(hits))
                    .as(mode.label())
                    .isNotEmpty()
                    .allMatch(id -> List.of("mitochondria", "photosynthesis", "penguins")
                            .contains(id));
        }
        RetrievalQuery water = RetrievalQuery.of("boiling water", 8);
        assertThat(ids(index.search(water.withFilter(MetadataFilter.equal("tag", "kitchen")), SearchMode.HYBRID)))
                .containsExactly("cooker");
        assertThat(ids(index.search(water.withFilter(MetadataFilter.equal("id", "altitude")), SearchMode.HYBRID)))
                .containsExactly("altitude");
        assertThat(ids(index.search(
                        water.withFilter(MetadataFilter.equal("source", "/docs/cooker.md")), SearchMode.DENSE)))
                .containsExactly("cooker");
        assertThat(ids(index.search(water.withFilter(MetadataFilter.equal("type", "pdf")), SearchMode.HYBRID)))
                .isEmpty();
        assertThat(ids(index.search(water.withFilter(MetadataFilter.equal("lang", "en")), SearchMode.BM25)))
                .hasSize(2);
        // Times: a day, and ranges.
        assertThat(ids(index.search(water.withFilter(MetadataFilter.parse("modified>=2025-01-01")), SearchMode.HYBRID)))
                .containsExactlyInAnyOrder("cooker", "lucene", "kubernetes");
        assertThat(ids(index.search(water.withFilter(MetadataFilter.parse("modified<=2023-01-01")), SearchMode.HYBRID)))
                .containsExactlyInAnyOrder("eiffel", "penguins");
        assertThat(ids(index.search(water.withFilter(MetadataFilter.parse("modified=2024-03-01")), SearchMode.DENSE)))
                .containsExactly("altitude");
        // Two filters: both must hold.
        assertThat(ids(index.search(
                        water.withFilter(MetadataFilter.equal("tag", "physics"))
                                .withFilter(MetadataFilter.parse("modified>=2025-01-01")),
                        SearchMode.HYBRID)))
                .containsExactly("cooker");

        assertThatThrownBy(() -> index.search(water.withFilter(MetadataFilter.equal("colour", "red")), SearchMode.BM25))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'colour'")
                .hasMessageContaining("tag");
        assertThatThrownBy(() ->
                        index.search(water.withFilter(MetadataFilter.parse("modified>=yesterday")), SearchMode.BM25))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2025-01-31");
        assertThatThrownBy(() -> index.search(water.withFilter(MetadataFilter.parse("tag>=a")), SearchMode.BM25))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("tag=value");
    }

    @Test
    void documentsAreReplacedAndDeletedWhole() {
        IndexedDocument doc =
                new IndexedDocument("guide", "/docs/guide.md", "Guide", "md", List.of(), null, "h1", Map.of());
        index.upsert(
                doc,
                List.of(
                        new Chunk(0, "Quokkas live on Rottnest Island.", ""),
                        new Chunk(1, "Quokkas smile a lot.", ""),
                        new Chunk(2, "Quokkas are marsupials.", "")));
        assertThat(index.chunkCount("guide")).isEqualTo(3);
        assertThat(index.search(RetrievalQuery.of("quokka", 10), SearchMode.BM25))
                .hasSize(3);

        index.upsert(doc, List.of(new Chunk(0, "Wombats produce cube-shaped droppings.", "")));
        assertThat(index.chunkCount("guide")).isEqualTo(1);
        assertThat(index.search(RetrievalQuery.of("quokka", 10), SearchMode.BM25))
                .isEmpty();
        assertThat(index.search(RetrievalQuery.of("wombat", 10), SearchMode.HYBRID)
                        .getFirst()
                        .chunkId())
                .isEqualTo("guide#0");
        assertThat(index.stats().documents()).isEqualTo(9);
        assertThat(index.contentHashes())
                .containsEntry("guide", "h1")
                .containsEntry("eiffel", "hash-eiffel")
                .hasSize(9);

        assertThat(index.delete("guide")).isTrue();
        assertThat(index.delete("guide")).isFalse();
        assertThat(index.chunkCount("guide")).isZero();
        assertThat(index.search(RetrievalQuery.of("wombat", 10), SearchMode.BM25))
                .isEmpty();
        assertThat(index.stats()).isEqualTo(new IndexStats(8, 8, "bge-small-en-v1.5-q", "english"));
    }

    @Test
    void committedDocumentsSurviveReopeningAndTheModelIsChecked() {
        index.commit();
        index.upsert(
                IndexedDocument.of("late", "Late"),
                List.of(new Chunk(0, "Written after the commit, then closed.", "")));
        index.close();

        index = LuceneHybridIndex.open(dir, embedder, IndexSettings.DEFAULTS);
        assertThat(index.stats().documents()).isEqualTo(9); // close() commits too
        assertThat(ids(index.search(RetrievalQuery.of("Eiffel", 1), SearchMode.HYBRID)))
                .containsExactly("eiffel");
        index.close();

        try (DjlEmbedder other = TestModels.open("all-minilm-l6-v2-q")) {
            assertThatThrownBy(() -> LuceneHybridIndex.open(dir, other, IndexSettings.DEFAULTS))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("bge-small-en-v1.5-q")
                    .hasMessageContaining("all-minilm-l6-v2-q");
        }
        assertThatThrownBy(() -> LuceneHybridIndex.open(dir, embedder, IndexSettings.DEFAULTS.withAnalyzer("standard")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("english");
        // BM25 only, read-only: no embedder needed, dense refused with a reason.
        try (LuceneHybridIndex bm25 = LuceneHybridIndex.openReadOnly(dir, null, IndexSettings.DEFAULTS)) {
            assertThat(ids(bm25.search(RetrievalQuery.of("Eiffel", 1), SearchMode.BM25)))
                    .containsExactly("eiffel");
            assertThatThrownBy(() -> bm25.search(RetrievalQuery.of("Eiffel", 1), SearchMode.DENSE))
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(
                            e -> assertThat(((InvalidInputException) e).remedy().action())
                                    .isEqualTo(Remedy.Action.SEARCH_BY_WORDS));
        }
        index = LuceneHybridIndex.open(dir, embedder, IndexSettings.DEFAULTS);
    }

    @Test
    void anIndexBuiltWithoutEmbeddingsSaysItIsSearchedByWordsOnly(@TempDir Path words) {
        try (LuceneHybridIndex bm25 = LuceneHybridIndex.open(words, null, IndexSettings.DEFAULTS)) {
            bm25.upsert(IndexedDocument.of("a", "A"), List.of(new Chunk(0, "Words only, no vectors.", "")));
        }
        assertThatThrownBy(() -> LuceneHybridIndex.openReadOnly(words, embedder, IndexSettings.DEFAULTS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds no embeddings")
                .satisfies(e -> assertThat(((InvalidInputException) e).remedy().action())
                        .isEqualTo(Remedy.Action.SEARCH_BY_WORDS));
        assertThatThrownBy(() -> LuceneHybridIndex.open(words, embedder, IndexSettings.DEFAULTS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds no embeddings")
                .satisfies(e -> assertThat(((InvalidInputException) e).remedy().action())
                        .isEqualTo(Remedy.Action.SEARCH_BY_WORDS));
    }

    @Test
    void anIndexSaysWhetherItHoldsVectorsAndFromWhichModel(@TempDir Path other) throws Exception {
        assertThat(LuceneHybridIndex.recordedEmbedding(dir)).contains(IndexEmbedding.of("bge-small-en-v1.5-q"));
        assertThat(index.embedding().model()).contains("bge-small-en-v1.5-q");
        assertThat(index.embedding().wordsOnly()).isFalse();
        assertThat(index.embedding().fullestMode()).isEqualTo(SearchMode.HYBRID);

        Path words = other.resolve("words");
        try (LuceneHybridIndex bm25 = LuceneHybridIndex.open(words, null, IndexSettings.DEFAULTS)) {
            assertThat(bm25.embedding()).isEqualTo(IndexEmbedding.WORDS_ONLY);
        }
        IndexEmbedding recorded = LuceneHybridIndex.recordedEmbedding(words).orElseThrow();
        assertThat(recorded.wordsOnly()).isTrue();
        assertThat(recorded.model()).isEmpty();
        assertThat(recorded.fullestMode()).isEqualTo(SearchMode.BM25);

        // An index written before this type existed recorded "none" for no embedder: still read as words only.
        Path old = other.resolve("old");
        try (var d = org.apache.lucene.store.FSDirectory.open(old);
                var w = new org.apache.lucene.index.IndexWriter(d, new org.apache.lucene.index.IndexWriterConfig())) {
            w.setLiveCommitData(Map.of(
                            "noesis.schema",
                            "1",
                            "noesis.embedder",
                            "none",
                            "noesis.dimensions",
                            "0",
                            "noesis.analyzer",
                            "english")
                    .entrySet());
            w.commit();
        }
        assertThat(LuceneHybridIndex.recordedEmbedding(old)).contains(IndexEmbedding.WORDS_ONLY);
        try (LuceneHybridIndex reopened = LuceneHybridIndex.openReadOnly(old, null, IndexSettings.DEFAULTS)) {
            assertThat(reopened.stats().embedder()).isEqualTo("none");
        }

        assertThat(LuceneHybridIndex.recordedEmbedding(other.resolve("nothing")))
                .isEmpty();
        assertThat(LuceneHybridIndex.recordedEmbedding(java.nio.file.Files.createDirectories(other.resolve("empty"))))
                .isEmpty();
    }

    @Test
    void noIndexToReadNamesTheRemedyNotACommand(@TempDir Path other) throws Exception {
        for (Path missing :
                List.of(other.resolve("nothing"), java.nio.file.Files.createDirectories(other.resolve("empty")))) {
            assertThatThrownBy(() -> LuceneHybridIndex.openReadOnly(missing, null, IndexSettings.DEFAULTS))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(missing.toString())
                    .hasMessageNotContaining("noesis ")
                    .satisfies(
                            e -> assertThat(((InvalidInputException) e).remedy().action())
                                    .isEqualTo(Remedy.Action.INGEST_DOCUMENTS));
        }
    }

    @Test
    void anIndexOpenedToRemoveNeedsNoModelAndKeepsWhatItRecords() {
        index.close();
        try (LuceneHybridIndex removing =
                LuceneHybridIndex.openToRemove(dir, IndexSettings.DEFAULTS.withAnalyzer("standard"))) {
            assertThat(removing.embedding()).isEqualTo(IndexEmbedding.of("bge-small-en-v1.5-q"));
            assertThat(removing.settings().analyzer()).isEqualTo("english");
            assertThat(removing.delete("eiffel")).isTrue();
            assertThatThrownBy(() -> removing.upsert(
                            IndexedDocument.of("new", "New"), List.of(new Chunk(0, "No vectors for this.", ""))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("bge-small-en-v1.5-q");
            // A document without chunks is a removal, which needs no vectors.
            removing.upsert(IndexedDocument.of("penguins", "Penguins"), List.of());
        }
        index = LuceneHybridIndex.open(dir, embedder, IndexSettings.DEFAULTS);
        assertThat(index.stats()).isEqualTo(new IndexStats(6, 6, "bge-small-en-v1.5-q", "english"));
        assertThat(ids(index.search(RetrievalQuery.of("Eiffel Tower", 3), SearchMode.BM25)))
                .isEmpty();

        assertThatThrownBy(() -> LuceneHybridIndex.openToRemove(dir, IndexSettings.DEFAULTS))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("another process");
        assertThatThrownBy(() -> LuceneHybridIndex.openToRemove(dir.resolve("nothing"), IndexSettings.DEFAULTS))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).remedy().action())
                        .isEqualTo(Remedy.Action.INGEST_DOCUMENTS));
    }

    @Test
    void aReadOnlyIndexSeesCommitsWhileAnotherWriterHoldsIt() throws Exception {
        index.commit();
        assertThatThrownBy(() -> LuceneHybridIndex.open(dir, embedder, IndexSettings.DEFAULTS))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("another process");
        try (LuceneHybridIndex reader = LuceneHybridIndex.openReadOnly(dir, embedder, IndexSettings.DEFAULTS)) {
            assertThat(reader.stats().documents()).isEqualTo(8);
            index.upsert(IndexedDocument.of("new", "New"), List.of(new Chunk(0, "Axolotls regrow their limbs.", "")));
            assertThat(reader.search(RetrievalQuery.of("axolotl", 3), SearchMode.HYBRID))
                    .extracting(Passage::documentId)
                    .doesNotContain("new");
            index.commit();
            Thread.sleep(1100); // a read-only index looks for new commits at most once a second
            assertThat(reader.search(RetrievalQuery.of("axolotl", 3), SearchMode.HYBRID)
                            .getFirst()
                            .documentId())
                    .isEqualTo("new");
        }
    }

    @Test
    void searchesRunWhileDocumentsAreWritten() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> searches = pool.submit(() -> {
                int n = 0;
                while (writing.get()) {
                    assertThat(index.search(RetrievalQuery.of("boiling water", 3), SearchMode.BM25))
                            .isNotEmpty();
                    n++;
                }
                return n;
            });
            List<float[]> vectors = embedder.embedDocuments(List.of("Filler about nothing in particular."));
            for (int i = 0; i < 300; i++) {
                index.upsert(
                        IndexedDocument.of("filler-" + i, "Filler"),
                        List.of(new Chunk(0, "Filler number " + i + " zebra.", "")),
                        vectors);
            }
            writing.set(false);
            assertThat(searches.get()).isPositive();
            assertThat(index.search(RetrievalQuery.of("zebra", 1000), SearchMode.BM25))
                    .hasSize(300);
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
    }

    @Test
    void chunksCanBeReadBackWithTheirVectors() {
        List<StoredChunk> chunks = new ArrayList<>();
        index.forEachChunk(chunks::add);
        assertThat(chunks).hasSize(8);
        StoredChunk eiffel = chunks.stream()
                .filter(c -> c.documentId().equals("eiffel"))
                .findFirst()
                .orElseThrow();
        assertThat(eiffel.vector()).hasSize(384);
        float[] expected = embedder.embedDocuments(List.of(LuceneHybridIndex.embeddingText(
                        IndexedDocument.of("eiffel", "Eiffel Tower"), new Chunk(0, eiffel.text(), ""))))
                .getFirst();
        double dot = 0;
        for (int i = 0; i < expected.length; i++) {
            dot += expected[i] * eiffel.vector()[i];
        }
        assertThat(dot).isCloseTo(1.0, within(1e-4));
    }
}
