package dev.noesis.server.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.embeddings.DjlEmbedder;
import dev.noesis.server.ApiException;
import dev.noesis.server.NoesisService;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/embeddings}: texts embedded by the sentence embedding model that memory and
 * new document collections use (bundled with Noesis, run in process). Texts are embedded as
 * documents: a model trained with a query instruction (BGE) gets none added here, so a client
 * embedding a search query for such a model adds the instruction itself. Vectors have unit
 * length; {@code usage} counts the model's own tokens.
 */
@Path("/v1/embeddings")
public class EmbeddingsResource {

    @Inject
    NoesisService noesis;

    @Inject
    ObjectMapper json;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> embed(String body) {
        EmbeddingRequest request = EmbeddingRequest.parse(read(body));
        String served = noesis.embeddingModelId();
        if (!request.model().equals(served)) {
            throw ApiException.modelNotFound("There is no embedding model '" + request.model()
                    + "' on this server; its embedding model is '" + served + "'.");
        }
        DjlEmbedder embedder = noesis.embedder();
        if (request.dimensions().isPresent() && request.dimensions().getAsInt() != embedder.dimensions()) {
            throw ApiException.unsupported(
                    "dimensions",
                    "dimensions = " + request.dimensions().getAsInt() + " is not supported: " + served + " gives "
                            + embedder.dimensions() + " dimensions, and shortening its vectors is not done.");
        }
        List<float[]> vectors = embedder.embedDocuments(request.input());
        long tokens = 0;
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            tokens += embedder.countTokens(request.input().get(i));
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("object", "embedding");
            e.put("index", i);
            e.put("embedding", request.base64() ? base64(vectors.get(i)) : vectors.get(i));
            data.add(e);
        }
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("prompt_tokens", tokens);
        usage.put("total_tokens", tokens);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("object", "list");
        reply.put("data", data);
        reply.put("model", served);
        reply.put("usage", usage);
        return reply;
    }

    /** OpenAI's base64 encoding: the float32 values, little-endian, one after another. */
    static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : vector) {
            bytes.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("The request has no body; send a JSON embeddings request.");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
