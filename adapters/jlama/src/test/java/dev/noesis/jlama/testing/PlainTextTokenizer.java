package dev.noesis.jlama.testing;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What "encoded as plain text" means, built independently of the code under test: a model folder's
 * tokenizer with its special tokens removed, so that {@code <|end|>} can only come out as the
 * characters it is made of. Also knows the special tokens' ids, to count them in an encoding.
 */
public final class PlainTextTokenizer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HuggingFaceTokenizer tokenizer;
    private final Set<Integer> specialIds;

    private PlainTextTokenizer(HuggingFaceTokenizer tokenizer, Set<Integer> specialIds) {
        this.tokenizer = tokenizer;
        this.specialIds = Set.copyOf(specialIds);
    }

    /** Reads {@code tokenizer.json} of the model folder {@code modelDir}. */
    public static PlainTextTokenizer of(Path modelDir) {
        try {
            ObjectNode json = (ObjectNode)
                    JSON.readTree(modelDir.resolve("tokenizer.json").toFile());
            Set<Integer> special = new HashSet<>();
            ArrayNode ordinary = JSON.createArrayNode();
            for (JsonNode t : json.path("added_tokens")) {
                if (t.path("special").asBoolean()) {
                    special.add(t.path("id").asInt());
                } else {
                    ordinary.add(t);
                }
            }
            json.set("added_tokens", ordinary);
            HuggingFaceTokenizer plain = HuggingFaceTokenizer.newInstance(
                    new ByteArrayInputStream(JSON.writeValueAsBytes(json)),
                    Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
            return new PlainTextTokenizer(plain, special);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number of tokens {@code text} is as plain text. */
    public int count(String text) {
        return tokenizer.encode(text, false, false).getIds().length;
    }

    /** The ids of the tokenizer's special tokens. */
    public Set<Integer> specialIds() {
        return specialIds;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
