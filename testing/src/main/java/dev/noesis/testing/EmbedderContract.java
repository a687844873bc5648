package dev.noesis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.noesis.core.embedding.Embedder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Embedder} must do, as tests that each implementation's test class extends:
 * vectors of {@link Embedder#dimensions()} components and unit length (so that cosine similarity is
 * their dot product, which the indexes rely on), one vector per text in the order given, the same
 * vector for the same text however it is batched, and from any thread; and a query closer to the
 * text it matches than to an unrelated one.
 *
 * <p>A subclass gives the embedder (opened once for the class, typically in a {@code @BeforeAll},
 * and closed by the subclass). An embedder that places texts by spelling rather than meaning (a
 * hashing test double) says so with {@link #semantic()}: the check by meaning is then skipped, the
 * check by shared words still runs.
 */
public abstract class EmbedderContract {

    /** How close two vectors of the same text must be: batching may change the last bits of a float. */
    protected static final double SAME = 0.9999;

    /** The embedder under test; the subclass owns and closes it. */
    protected abstract Embedder embedder();

    /** Whether the embedder places texts by meaning (a sentence-embedding model), not by their letters. */
    protected boolean semantic() {
        return true;
    }

    /** Texts of many lengths and kinds, one of them empty. */
    protected List<String> texts() {
        return List.of(
                "Water boils at a lower temperature on a mountain because the air pressure is lower.",
                "short",
                "",
                "Marie Curie received the Nobel Prize in Physics in 1903 and the Nobel Prize in Chemistry in 1911.",
                "C++ and C# are different languages; -18 °C is not 18 °C.",
                "Gödel, Kurt — Unvollständigkeitssätze (1931)",
                "the mitochondrion is the powerhouse of the cell, as every biology student learns early on in school");
    }

    @Test
    void theNameSaysWhichModelItIs() {
        assertThat(embedder().name()).isNotBlank();
        assertThat(embedder().dimensions()).isPositive();
    }

    @Test
    void everyVectorHasTheDimensionsAndUnitLength() {
        List<float[]> documents = embedder().embedDocuments(texts());
        for (int i = 0; i < documents.size(); i++) {
            assertThat(documents.get(i)).as("document %d", i).hasSize(embedder().dimensions());
            assertThat(norm(documents.get(i))).as("length of document %d", i).isCloseTo(1.0, within(1e-4));
        }
        for (String text : texts()) {
            float[] query = embedder().embedQuery(text);
            assertThat(query).as("query %s", text).hasSize(embedder().dimensions());
            assertThat(norm(query)).as("length of query %s", text).isCloseTo(1.0, within(1e-4));
        }
    }

    @Test
    void embedDocumentsGivesOneVectorPerTextInOrder() {
        List<String> texts = texts();
        List<float[]> together = embedder().embedDocuments(texts);

        assertThat(together).hasSameSizeAs(texts);
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = embedder().embedDocuments(List.of(texts.get(i))).getFirst();
            assertThat(cosine(together.get(i), alone))
                    .as("text %d in the batch and alone", i)
                    .isGreaterThanOrEqualTo(SAME);
        }
        List<String> reversed = new ArrayList<>(texts);
        Collections.reverse(reversed);
        List<float[]> backwards = embedder().embedDocuments(reversed);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(cosine(backwards.get(texts.size() - 1 - i), together.get(i)))
                    .as("text %d, reversed batch", i)
                    .isGreaterThanOrEqualTo(SAME);
        }
    }

    @Test
    void anEmptyListGivesAnEmptyList() {
        assertThat(embedder().embedDocuments(List.of())).isEmpty();
    }

    @Test
    void theSameTextGivesTheSameVector() {
        String text = texts().getFirst();
        assertThat(cosine(embedder().embedQuery(text), embedder().embedQuery(text)))
                .isGreaterThanOrEqualTo(SAME);
        List<float[]> twice = embedder().embedDocuments(List.of(text, text));
        assertThat(cosine(twice.get(0), twice.get(1))).isGreaterThanOrEqualTo(SAME);
        assertThat(cosine(twice.get(0), embedder().embedDocuments(List.of(text)).getFirst()))
                .isGreaterThanOrEqualTo(SAME);
        String other = texts().get(3);
        assertThat(cosine(embedder().embedQuery(other), embedder().embedQuery(text)))
                .as("two different texts")
                .isLessThan(SAME);
    }

    @Test
    void aQueryIsCloserToTheTextThatSharesItsWordsThanToAnUnrelatedOne() {
        assertCloser(
                "Marie Curie Nobel Prize",
                "Marie Curie received the Nobel Prize in Physics in 1903.",
                "Bake the bread for forty minutes in a hot oven.");
    }

    @Test
    void aQueryIsCloserToTheTextThatAnswersItThanToAnUnrelatedOne() {
        assumeTrue(semantic(), "a lexical embedder does not place texts by meaning");
        assertCloser(
                "why does water boil at a lower temperature in the mountains",
                "At altitude the lower air pressure lets water reach its boiling point below 100 degrees Celsius.",
                "The stock market fell sharply after the announcement of new tariffs.");
        assertCloser(
                "How big is the largest land animal?",
                "An adult African elephant can weigh more than six tonnes.",
                "Compilers translate source code into machine instructions.");
    }

    @Test
    void concurrentCallsGiveWhatSequentialCallsGive() throws Exception {
        List<String> texts = texts();
        List<float[]> sequential = embedder().embedDocuments(texts);
        float[] query = embedder().embedQuery(texts.getFirst());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<float[]>>> documents = new ArrayList<>();
            List<Future<float[]>> queries = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                documents.add(pool.submit(() -> embedder().embedDocuments(texts)));
                queries.add(pool.submit(() -> embedder().embedQuery(texts.getFirst())));
            }
            for (Future<List<float[]>> f : documents) {
                List<float[]> got = f.get();
                assertThat(got).hasSameSizeAs(texts);
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(cosine(got.get(i), sequential.get(i)))
                            .as("text %d", i)
                            .isGreaterThanOrEqualTo(SAME);
                }
            }
            for (Future<float[]> f : queries) {
                assertThat(cosine(f.get(), query)).isGreaterThanOrEqualTo(SAME);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertCloser(String query, String matching, String unrelated) {
        float[] q = embedder().embedQuery(query);
        List<float[]> documents = embedder().embedDocuments(List.of(matching, unrelated));
        assertThat(cosine(q, documents.get(0)))
                .as("\"%s\" to \"%s\" against \"%s\"", query, matching, unrelated)
                .isGreaterThan(cosine(q, documents.get(1)));
    }

    /** Cosine similarity, computed in full (not as a dot product: unit length is checked separately). */
    public static double cosine(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    /** Euclidean length. */
    public static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
