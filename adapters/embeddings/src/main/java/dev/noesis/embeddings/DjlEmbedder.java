package dev.noesis.embeddings;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.util.Pair;
import dev.noesis.core.embedding.Embedder;
import dev.noesis.core.error.BackendException;
import dev.noesis.core.error.ModelFormatException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sentence embeddings in-process: the HuggingFace tokenizer and an ONNX encoder run through DJL's
 * ONNX Runtime engine, fully offline. Texts are tokenized, sorted by length and run in batches
 * padded to their longest member (so a batch of short texts costs little), then pooled as the
 * model was trained ({@link Pooling}) and scaled to unit length. Dynamically quantized models
 * run one text at a time (see {@link EmbeddingModelSpec#dynamicQuantization()}): padding and
 * neighbours would otherwise change a text's vector (cosine 0.96 against itself was seen), and
 * for passages of a few hundred tokens batching gains nothing on a CPU anyway.
 *
 * <p>Thread-safe: ONNX Runtime sessions run concurrent calls; each call uses its own predictor.
 * The number of threads one call uses is fixed when the model is opened.
 */
public final class DjlEmbedder implements Embedder {

    static {
        // DJL reports usage from cloud machines and may try downloads unless told not to; Noesis
        // never phones home. The launcher passes the same settings; these cover embedded use.
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        // With the lab's PyTorch engine on the class path, ONNX Runtime would hand the NDArray
        // operations it lacks to PyTorch (its "alternative engine"), starting PyTorch and
        // unpacking 450 MB of libraries for an embedding. Embeddings run on ONNX Runtime alone.
        if (System.getProperty("ai.djl.onnx.disable_alternative") == null) {
            System.setProperty("ai.djl.onnx.disable_alternative", "true");
        }
    }

    private static final String ENGINE = "OnnxRuntime";

    /**
     * How an embedder runs.
     *
     * @param threads   ONNX Runtime threads for one call (intra-op); at least 1
     * @param batchSize texts per forward pass; larger batches amortise overhead but pad more
     */
    public record Settings(int threads, int batchSize) {

        public static final int DEFAULT_BATCH_SIZE = 32;

        public Settings {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
            }
        }

        /** All cores but never more than 8 (more threads do not help a small encoder), batches of 32. */
        public static Settings defaults() {
            return new Settings(Math.min(8, Runtime.getRuntime().availableProcessors()), DEFAULT_BATCH_SIZE);
        }

        public Settings withThreads(int n) {
            return new Settings(n, batchSize);
        }
    }

    private final EmbeddingModelSpec spec;
    private final Settings settings;
    private final HuggingFaceTokenizer tokenizer;
    private final Model model;
    private final boolean takesTokenTypes;
    private final int dimensions;

    private DjlEmbedder(EmbeddingModelSpec spec, Settings settings, HuggingFaceTokenizer tokenizer, Model model) {
        this.spec = spec;
        this.settings = settings;
        this.tokenizer = tokenizer;
        this.model = model;
        Set<String> inputs = model.describeInput().stream().map(Pair::getKey).collect(Collectors.toSet());
        if (!inputs.contains("input_ids") || !inputs.contains("attention_mask")) {
            throw new ModelFormatException(
                    "The ONNX model " + spec.onnx() + " takes " + inputs + "; an encoder for sentence"
                            + " embeddings takes input_ids and attention_mask (and optionally token_type_ids).");
        }
        this.takesTokenTypes = inputs.contains("token_type_ids");
        this.dimensions = embed(List.of("dimension probe")).getFirst().length;
    }

    /**
     * Loads a model.
     *
     * @throws ModelFormatException when the tokenizer or the ONNX file cannot be loaded
     */
    public static DjlEmbedder open(EmbeddingModelSpec spec, Settings settings) {
        HuggingFaceTokenizer tokenizer;
        try {
            // Truncate to the model's window; no padding (batches are padded here, to their own longest text).
            tokenizer = HuggingFaceTokenizer.newInstance(
                    spec.tokenizer(),
                    Map.of(
                            "addSpecialTokens", "true",
                            "truncation", "true",
                            "padding", "false",
                            "maxLength", Integer.toString(spec.maxTokens()),
                            "modelMaxLength", Integer.toString(spec.maxTokens())));
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(
                    "The tokenizer " + spec.tokenizer() + " of the embedding model " + spec.name()
                            + " cannot be loaded: " + e.getMessage(),
                    e);
        }
        Model model = Model.newInstance(spec.name(), ENGINE);
        try {
            model.load(
                    spec.onnx(),
                    null,
                    Map.of("intraOpNumThreads", Integer.toString(settings.threads()), "interOpNumThreads", "1"));
            return new DjlEmbedder(spec, settings, tokenizer, model);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            tokenizer.close();
            if (e instanceof ModelFormatException m) {
                throw m;
            }
            throw new ModelFormatException(
                    "The ONNX model " + spec.onnx() + " of the embedding model " + spec.name() + " cannot be loaded: "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    public EmbeddingModelSpec spec() {
        return spec;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        return embed(texts);
    }

    @Override
    public float[] embedQuery(String text) {
        return embed(List.of(spec.queryInstruction() + text)).getFirst();
    }

    /** Number of tokens the model sees for a text (special tokens included, after truncation). */
    public int countTokens(String text) {
        return tokenizer.encode(text).getIds().length;
    }

    private List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        Encoding[] encodings = tokenizer.batchEncode(texts);
        // Longest first, so each batch holds texts of similar length and pads little.
        Integer[] order = new Integer[encodings.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(
                order,
                Comparator.comparingInt((Integer i) -> encodings[i].getIds().length)
                        .reversed());
        float[][] vectors = new float[texts.size()][];
        int batchSize = spec.dynamicQuantization() ? 1 : settings.batchSize();
        try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator())) {
            for (int from = 0; from < order.length; from += batchSize) {
                int to = Math.min(order.length, from + batchSize);
                Encoding[] batch = new Encoding[to - from];
                for (int i = from; i < to; i++) {
                    batch[i - from] = encodings[order[i]];
                }
                float[][] pooled = forward(predictor, batch);
                for (int i = from; i < to; i++) {
                    vectors[order[i]] = pooled[i - from];
                }
            }
        }
        return Arrays.asList(vectors);
    }

    private float[][] forward(Predictor<NDList, NDList> predictor, Encoding[] batch) {
        int rows = batch.length;
        int width = 0;
        for (Encoding e : batch) {
            width = Math.max(width, e.getIds().length);
        }
        long[] ids = new long[rows * width];
        long[] mask = new long[rows * width];
        long[] types = new long[rows * width];
        for (int r = 0; r < rows; r++) {
            long[] id = batch[r].getIds();
            long[] am = batch[r].getAttentionMask();
            long[] tt = batch[r].getTypeIds();
            System.arraycopy(id, 0, ids, r * width, id.length);
            System.arraycopy(am, 0, mask, r * width, am.length);
            System.arraycopy(tt, 0, types, r * width, tt.length);
        }
        Shape shape = new Shape(rows, width);
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList input = new NDList(
                    named(manager.create(ids, shape), "input_ids"),
                    named(manager.create(mask, shape), "attention_mask"));
            if (takesTokenTypes) {
                input.add(named(manager.create(types, shape), "token_type_ids"));
            }
            NDList output = predictor.predict(input);
            NDArray hidden = output.get("last_hidden_state");
            if (hidden == null) {
                hidden = output.head();
            }
            Shape hs = hidden.getShape();
            if (hs.dimension() != 3 || hs.get(0) != rows || hs.get(1) != width) {
                throw new ModelFormatException(
                        "The ONNX model " + spec.onnx() + " returned " + hs + " where per-token vectors [" + rows + ", "
                                + width + ", dimensions] were expected; it is not a sentence-embedding encoder.");
            }
            float[] h = hidden.toFloatArray();
            output.close();
            return pool(h, mask, rows, width, (int) hs.get(2));
        } catch (TranslateException e) {
            throw new BackendException(
                    "The embedding model " + spec.name() + " failed on a batch of " + rows + " texts: "
                            + e.getMessage(),
                    e);
        }
    }

    private float[][] pool(float[] hidden, long[] mask, int rows, int width, int dims) {
        float[][] out = new float[rows][dims];
        for (int r = 0; r < rows; r++) {
            float[] v = out[r];
            int rowBase = r * width * dims;
            if (spec.pooling() == Pooling.CLS) {
                System.arraycopy(hidden, rowBase, v, 0, dims);
            } else {
                int count = 0;
                for (int t = 0; t < width; t++) {
                    if (mask[r * width + t] == 0) {
                        continue;
                    }
                    count++;
                    int base = rowBase + t * dims;
                    for (int d = 0; d < dims; d++) {
                        v[d] += hidden[base + d];
                    }
                }
                for (int d = 0; d < dims; d++) {
                    v[d] /= Math.max(count, 1);
                }
            }
            normalize(v);
        }
        return out;
    }

    private static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }

    static void normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        if (sum == 0) {
            return;
        }
        float inv = (float) (1.0 / Math.sqrt(sum));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }

    @Override
    public String toString() {
        return "DjlEmbedder[" + spec.name() + ", " + dimensions + " dims, " + settings.threads() + " threads]";
    }
}
