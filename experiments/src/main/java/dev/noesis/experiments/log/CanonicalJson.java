package dev.noesis.experiments.log;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One text for each JSON value, whatever the order of its keys or the spelling of its numbers, so
 * that equal configurations hash alike: object keys sorted (by UTF-16 code units, as RFC 8785 sorts
 * them), numbers written by value (1, 1.0 and 1.00 are the same number; so are 0.7 and 0.70), no
 * whitespace. Used for the experiment's config hash and for comparing generation params.
 */
public final class CanonicalJson {

    private static final ObjectMapper WRITER = JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CanonicalJson() {}

    /** The canonical text of {@code value}. */
    public static String of(JsonNode value) {
        try {
            return WRITER.writeValueAsString(normalise(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** The canonical text of any value Jackson can turn into a tree (a map of params, a record). */
    public static String ofValue(Object value) {
        return of(LogJson.MAPPER.valueToTree(value));
    }

    /** "sha256:" and the hex SHA-256 of the canonical text. */
    public static String hash(JsonNode value) {
        return sha256(of(value));
    }

    /** "sha256:" and the hex SHA-256 of {@code text} as UTF-8: the form every hash in a run's config takes. */
    public static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A copy with sorted keys and numbers by value; also what {@link ConfigDifference} walks. */
    static JsonNode normalise(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return NODES.nullNode();
        }
        if (value.isObject()) {
            List<String> names = new ArrayList<>();
            value.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode sorted = NODES.objectNode();
            for (String name : names) {
                sorted.set(name, normalise(value.get(name)));
            }
            return sorted;
        }
        if (value.isArray()) {
            ArrayNode array = NODES.arrayNode();
            value.forEach(element -> array.add(normalise(element)));
            return array;
        }
        if (value.isNumber()) {
            BigDecimal number = value.decimalValue().stripTrailingZeros();
            // Nodes made directly, so that no factory setting re-spells the number.
            if (number.signum() == 0) {
                return BigIntegerNode.valueOf(BigInteger.ZERO);
            }
            return number.scale() <= 0
                    ? BigIntegerNode.valueOf(number.toBigIntegerExact())
                    : DecimalNode.valueOf(number);
        }
        return value;
    }
}
