package dev.noesis.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.embeddings.BundledModel;
import dev.noesis.embeddings.DjlEmbedder;
import dev.noesis.embeddings.Embedders;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routers, the embedding one on the real bundled sentence embedder. */
class AdapterRouterTest {

    @TempDir
    static Path cache;

    private static DjlEmbedder embedder;

    private static final List<AdapterEntry> ADAPTERS = List.of(
            entry(
                    "medical",
                    "Medicine: symptoms, diagnoses, drugs and their doses",
                    List.of(
                            "What are the side effects of ibuprofen?",
                            "My child has a fever and a rash, should I see a doctor?",
                            "How is type 2 diabetes diagnosed?"),
                    List.of("dose", "symptom")),
            entry(
                    "legal",
                    "Law: contracts, tenancy, courts and liability",
                    List.of(
                            "Can my landlord keep my deposit for normal wear and tear?",
                            "Is a verbal contract legally binding?",
                            "What happens if I miss a court date?"),
                    List.of("contract", "court", "landlord")),
            entry(
                    "cooking",
                    "Cooking: recipes, baking and kitchen techniques",
                    List.of(
                            "How long should I knead bread dough?",
                            "What can I use instead of eggs in a cake?",
                            "How do I make a roux for gravy?"),
                    List.of("recipe", "bake")));

    @BeforeAll
    static void openEmbedder() {
        embedder = Embedders.open(BundledModel.DEFAULT.modelName(), cache, new DjlEmbedder.Settings(2, 16));
    }

    @AfterAll
    static void closeEmbedder() {
        embedder.close();
    }

    @Test
    void theEmbeddingRouterPicksTheNearestAdapterAndNamesTheRunnerUp() {
        AdapterRouter router = AdapterRouter.embedding(embedder, ADAPTERS, 0.3, Optional.empty());

        Route legal = router.route("My employer has not paid me for two months; can I sue them?");
        Route medical = router.route("Is it safe to take paracetamol together with antibiotics?");
        Route cooking = router.route("Why did my sourdough loaf come out flat?");

        assertThat(legal.adapter()).contains("legal");
        assertThat(medical.adapter()).contains("medical");
        assertThat(cooking.adapter()).contains("cooking");
        assertThat(legal.runnerUp()).isPresent().isNotEqualTo(legal.adapter());
        assertThat(legal.score()).isGreaterThan(legal.runnerUpScore());
        assertThat(legal.describe()).startsWith("embedding: legal (").contains("runner-up");
    }

    @Test
    void aRouterMadeAgainOverTheCentroidCacheEmbedsNoExampleAgainAndRoutesAlike() {
        List<String> embedded = new ArrayList<>();
        dev.noesis.core.embedding.Embedder counting = new dev.noesis.core.embedding.Embedder() {
            @Override
            public String name() {
                return embedder.name();
            }

            @Override
            public int dimensions() {
                return embedder.dimensions();
            }

            @Override
            public List<float[]> embedDocuments(List<String> texts) {
                embedded.addAll(texts);
                return embedder.embedDocuments(texts);
            }

            @Override
            public float[] embedQuery(String text) {
                return embedder.embedQuery(text);
            }
        };
        CentroidCache cache = new CentroidCache(16);
        String q = "Why did my sourdough loaf come out flat?";

        Route first = new EmbeddingRouter(counting, ADAPTERS, 0.3, Optional.empty(), cache).route(q);
        int afterFirst = embedded.size();
        Route again = new EmbeddingRouter(counting, ADAPTERS, 0.3, Optional.empty(), cache).route(q);
        Route uncached = new EmbeddingRouter(counting, ADAPTERS, 0.3, Optional.empty()).route(q);

        // Three examples and a description for each of three adapters, then the question.
        assertThat(afterFirst).isEqualTo(13);
        assertThat(embedded.subList(afterFirst, afterFirst + 1))
                .as("the second router took every centroid from the cache: it embedded the question only")
                .containsExactly(q);
        assertThat(embedded).hasSize(13 + 1 + 13);
        assertThat(cache.size()).isEqualTo(3);
        assertThat(again).isEqualTo(first);
        assertThat(uncached.score()).isEqualTo(first.score());
        assertThat(uncached.runnerUpScore()).isEqualTo(first.runnerUpScore());
    }

    @Test
    void underTheThresholdTheBaseModelOrTheFallbackAnswers() {
        String question = "Which planet has the most moons?";
        double best = AdapterRouter.embedding(embedder, ADAPTERS, -1, Optional.empty())
                .route(question)
                .score();
        double threshold = Math.min(1, best + 0.05);

        Route base = AdapterRouter.embedding(embedder, ADAPTERS, threshold, Optional.of("base"))
                .route(question);
        Route fallback = AdapterRouter.embedding(embedder, ADAPTERS, threshold, Optional.of("legal"))
                .route(question);

        assertThat(base.base()).isTrue();
        assertThat(base.score()).isEqualTo(best);
        assertThat(base.reason()).contains("under the threshold");
        assertThat(fallback.adapter()).contains("legal");
    }

    @Test
    void keywordRulesCountWholeWordMatches() {
        KeywordRouter router = new KeywordRouter(ADAPTERS, Optional.empty());

        Route r = router.route("My landlord wants me to sign a new contract");
        Route none = router.route("Contracting muscles hurt"); // "contract" only as part of a word

        assertThat(r.adapter()).contains("legal");
        assertThat(r.score()).isEqualTo(2);
        assertThat(none.base()).isTrue();
        Route tie = router.route("A recipe for the right dose of vitamins");
        assertThat(tie.adapter()).contains("medical");
        assertThat(tie.runnerUp()).contains("cooking");
        assertThat(tie.runnerUpScore()).isEqualTo(1);
    }

    @Test
    void theExplicitRouterTakesTheRequestsNameOrRefusesAnUnknownOne() {
        assertThat(AdapterRouter.explicit("cooking", ADAPTERS).route("anything").adapter())
                .contains("cooking");
        assertThat(AdapterRouter.explicit("none", ADAPTERS).route("anything").base())
                .isTrue();
        assertThatThrownBy(() -> AdapterRouter.explicit("chemistry", ADAPTERS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("registered: medical, legal, cooking");
    }

    @Test
    void routingTakesMillisecondsNotSeconds() {
        AdapterRouter router = AdapterRouter.embedding(embedder, ADAPTERS, 0.3, Optional.empty());
        router.route("warm up");
        long start = System.nanoTime();
        int n = 20;
        for (int i = 0; i < n; i++) {
            router.route("How do I thicken a sauce without flour? " + i);
        }
        double ms = (System.nanoTime() - start) / 1e6 / n;
        // A loose bound for a shared CI machine; the figure itself is reported, not asserted.
        assertThat(ms).isLessThan(500);
        System.out.printf("router latency: %.2f ms per question%n", ms);
    }

    private static AdapterEntry entry(String name, String description, List<String> examples, List<String> keywords) {
        return new AdapterEntry(
                name,
                description,
                examples,
                keywords,
                Optional.empty(),
                "sha256:0",
                Path.of("/nowhere"),
                false,
                0,
                1,
                List.of("q_proj"),
                Optional.empty(),
                Instant.EPOCH);
    }
}
