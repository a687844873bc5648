import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the embedding reference vectors (JSON, on standard output) with LangChain4j's in-process
 * embedding models: ONNX Runtime's Java API called directly, one text at a time, no padding,
 * LangChain4j's pooling and normalisation. Noesis's DjlEmbedder must agree with them (cosine >=
 * 0.9999) on the same ONNX files. Run through regenerate.sh; this is not part of the build.
 *
 * Texts stay well under 128 tokens: LangChain4j splits long texts into windows and averages them,
 * where Noesis truncates, so only short texts have one right answer for both.
 */
public class ReferenceVectors {

    static final String BGE_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    static final List<String> DOCUMENTS = List.of(
            "Water boils at a lower temperature at high altitude because the air pressure is lower.",
            "The mitochondrion is the powerhouse of the cell.",
            "Überraschung: naïve café owners in São Paulo serve crème brûlée for 3.50 €!",
            "Lucene ranks documents with BM25; k1 = 0.9 and b = 0.4 are Anserini's defaults.");

    static final List<String> QUERIES = List.of(
            "why does water boil faster on a mountain",
            "what produces energy in cells");

    public static void main(String[] args) {
        Map<String, EmbeddingModel> models = new LinkedHashMap<>();
        models.put("bge-small-en-v1.5-q", new BgeSmallEnV15QuantizedEmbeddingModel());
        models.put("bge-small-en-v1.5", new BgeSmallEnV15EmbeddingModel());
        models.put("all-minilm-l6-v2-q", new AllMiniLmL6V2QuantizedEmbeddingModel());
        models.put("all-minilm-l6-v2", new AllMiniLmL6V2EmbeddingModel());

        StringBuilder json = new StringBuilder();
        json.append("{\n  \"producedBy\": \"LangChain4j in-process embeddings ")
                .append(System.getProperty("reference.langchain4j.version", "(version not given)"))
                .append(", ONNX Runtime ").append(ai.onnxruntime.OrtEnvironment.class.getPackage().getImplementationVersion())
                .append(", Java ").append(Runtime.version()).append("; see adapters/embeddings/reference/regenerate.sh\",\n");
        json.append("  \"documents\": ").append(strings(DOCUMENTS)).append(",\n");
        json.append("  \"queries\": ").append(strings(QUERIES)).append(",\n");
        json.append("  \"models\": {\n");
        int m = 0;
        for (Map.Entry<String, EmbeddingModel> e : models.entrySet()) {
            boolean bge = e.getKey().startsWith("bge");
            json.append("    \"").append(e.getKey()).append("\": {\n      \"documents\": [\n");
            appendVectors(json, e.getValue(), DOCUMENTS, "");
            json.append("      ],\n      \"queries\": [\n");
            // Queries as Noesis embeds them: BGE with its retrieval instruction in front.
            appendVectors(json, e.getValue(), QUERIES, bge ? BGE_INSTRUCTION : "");
            json.append("      ]\n    }").append(++m < models.size() ? "," : "").append("\n");
        }
        json.append("  }\n}\n");
        System.out.print(json);
    }

    static void appendVectors(StringBuilder json, EmbeddingModel model, List<String> texts, String prefix) {
        for (int i = 0; i < texts.size(); i++) {
            float[] v = model.embed(prefix + texts.get(i)).content().vector();
            List<String> parts = new ArrayList<>();
            for (float x : v) {
                parts.add(String.format(Locale.ROOT, "%.6f", x));
            }
            json.append("        [").append(String.join(",", parts)).append("]").append(i + 1 < texts.size() ? "," : "").append("\n");
        }
    }

    static String strings(List<String> texts) {
        List<String> quoted = new ArrayList<>();
        for (String t : texts) {
            quoted.add("\"" + t.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return "[" + String.join(", ", quoted) + "]";
    }
}
