package dev.noesis.lora;

import dev.noesis.embeddings.DjlEmbedder;
import dev.noesis.embeddings.Embedders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the embedding router's time goes (not a test: run by hand): per question, the whole
 * route, the query embedding alone (with the model's query instruction, as {@code embedQuery}
 * has it, and without), the tokenizer alone, and the centroid arithmetic, each as the median and
 * 90th percentile over many questions after a warm-up.
 *
 * <p>Arguments: the embedding model (default: the bundled default), ONNX threads, adapters, questions.
 */
public final class RouterLatencyProbe {

    private RouterLatencyProbe() {}

    public static void main(String[] args) throws Exception {
        String model = args.length > 0 ? args[0] : dev.noesis.embeddings.BundledModel.DEFAULT.modelName();
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int adapters = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        Path cache = Files.createTempDirectory("router-probe");
        try (DjlEmbedder embedder = Embedders.open(model, cache, new DjlEmbedder.Settings(threads, 16))) {
            List<AdapterEntry> entries = new ArrayList<>();
            for (int a = 0; a < adapters; a++) {
                entries.add(new AdapterEntry(
                        "a" + a,
                        "Domain " + a + ": questions about topic number " + a,
                        List.of("What is the rule " + a + " about deposits?", "How does process " + a + " work?"),
                        List.of(),
                        Optional.empty(),
                        "sha256:0",
                        Path.of("/nowhere"),
                        false,
                        0,
                        16,
                        List.of(),
                        Optional.empty(),
                        Instant.EPOCH));
            }
            for (int i = 0; i < 3; i++) {
                new EmbeddingRouter(embedder, entries, 0.3, Optional.empty()); // warm-up
            }
            CentroidCache kept = new CentroidCache(256);
            new EmbeddingRouter(embedder, entries, 0.3, Optional.empty(), kept);
            double[] build = new double[20];
            double[] cached = new double[20];
            for (int i = 0; i < build.length; i++) {
                long start = System.nanoTime();
                new EmbeddingRouter(embedder, entries, 0.3, Optional.empty());
                build[i] = (System.nanoTime() - start) / 1e6;
                start = System.nanoTime();
                new EmbeddingRouter(embedder, entries, 0.3, Optional.empty(), kept);
                cached[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(build);
            Arrays.sort(cached);
            System.out.printf(
                    Locale.ROOT,
                    "%-40s p50 %8.3f ms   (with the centroid cache: %.3f ms)%n",
                    "making the router (each pipeline read)",
                    build[10],
                    cached[10]);
            EmbeddingRouter router = new EmbeddingRouter(embedder, entries, 0.3, Optional.empty());
            List<String> questions = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                questions.add("Can my landlord keep my rental deposit after I move out, case " + i + "?");
            }
            float[] q = embedder.embedQuery(questions.get(0));
            float[][] centroids = new float[adapters][q.length];
            System.out.printf(
                    Locale.ROOT,
                    "model %s, %d ONNX threads, %d adapters, %d questions, %d tokens per question (%d with the query"
                            + " instruction)%n",
                    model,
                    threads,
                    adapters,
                    n,
                    embedder.countTokens(questions.get(0)),
                    embedder.countTokens(embedder.spec().queryInstruction() + questions.get(0)));
            time("route (whole)", questions, router::route);
            time("embedQuery (instruction + question)", questions, embedder::embedQuery);
            time("embedDocuments (question alone)", questions, t -> embedder.embedDocuments(List.of(t)));
            time("tokenizer alone", questions, embedder::countTokens);
            time("centroid dot products", questions, t -> {
                double best = -2;
                for (float[] c : centroids) {
                    double s = 0;
                    for (int i = 0; i < c.length; i++) {
                        s += q[i] * c[i];
                    }
                    best = Math.max(best, s);
                }
                if (best > 10) {
                    System.out.print("");
                }
            });
        }
    }

    private static void time(String what, List<String> questions, Consumer<String> task) {
        for (int i = 0; i < 20; i++) {
            task.accept(questions.get(i % questions.size())); // warm-up
        }
        double[] ms = new double[questions.size()];
        for (int i = 0; i < questions.size(); i++) {
            long start = System.nanoTime();
            task.accept(questions.get(i));
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(
                Locale.ROOT, "%-40s p50 %8.3f ms   p90 %8.3f ms%n", what, ms[ms.length / 2], ms[ms.length * 9 / 10]);
    }
}
