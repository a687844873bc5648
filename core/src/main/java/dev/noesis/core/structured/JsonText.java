package dev.noesis.core.structured;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Finding the JSON value in a model's reply. */
public final class JsonText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonText() {}

    private static boolean startsWithValue(String text) {
        if ("{[\"-0123456789".indexOf(text.charAt(0)) >= 0) {
            return true;
        }
        for (String literal : new String[] {"true", "false", "null"}) {
            if (text.startsWith(literal)
                    && (text.length() == literal.length() || !Character.isLetter(text.charAt(literal.length())))) {
                return true;
            }
        }
        return false;
    }

    /** The value found, or why there is none. */
    public record Parsed(JsonNode value, String error) {}

    /**
     * The first JSON value in {@code raw}. Models and servers often wrap JSON in a code fence or
     * a sentence; those wrappers are skipped, the value itself must be complete JSON.
     */
    public static Parsed firstValue(String raw) {
        String text = raw.strip();
        if (text.startsWith("```")) {
            int firstNewline = text.indexOf('\n');
            int fenceEnd = text.lastIndexOf("```");
            if (firstNewline > 0 && fenceEnd > firstNewline) {
                text = text.substring(firstNewline + 1, fenceEnd).strip();
            }
        }
        int start = 0;
        if (!text.isEmpty() && !startsWithValue(text)) {
            int brace = text.indexOf('{');
            int bracket = text.indexOf('[');
            start = brace < 0 ? bracket : bracket < 0 ? brace : Math.min(brace, bracket);
            if (start < 0) {
                return new Parsed(null, "the reply holds no JSON value");
            }
        }
        try (JsonParser parser = JSON.createParser(text.substring(start))) {
            JsonNode value = parser.readValueAsTree();
            return value == null ? new Parsed(null, "the reply is empty") : new Parsed(value, null);
        } catch (JsonProcessingException e) {
            return new Parsed(null, "the reply is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            return new Parsed(null, "the reply could not be read: " + e.getMessage());
        }
    }
}
