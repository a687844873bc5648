package dev.noesis.experiments.suite.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.error.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads data files one record at a time (JSON Lines, or one JSON array), so memory holds one
 * record and what the caller keeps of it, with errors that name the file and line.
 */
public final class JsonData {

    /** The longest line of a JSON Lines file: a record, not a whole corpus on one line. */
    public static final int MAX_LINE = 16 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonData() {}

    /** Called with each record and the line it starts on (1-based). */
    @FunctionalInterface
    public interface RecordHandler {
        void accept(JsonNode record, long line);
    }

    /**
     * The folder of a data set, which must exist.
     *
     * @param what     the data set, for messages: "the gsm8k suite's data"
     * @param expected what should be in it
     */
    public static Path requireFolder(Path folder, String what, String expected) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException("The folder of " + what + ", "
                    + folder.toAbsolutePath().normalize() + ", does not exist; it should hold " + expected + ".");
        }
        return folder;
    }

    /** A file of a data set, which must exist. */
    public static Path requireFile(Path file, String what, String expected) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("The file of " + what + ", "
                    + file.toAbsolutePath().normalize() + ", does not exist; it should be " + expected + ".");
        }
        return file;
    }

    /** Each non-blank line of a JSON Lines file as a JSON value. */
    public static void eachLine(Path file, RecordHandler handler) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long line = 0;
            String text;
            while ((text = in.readLine()) != null) {
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (text.isBlank()) {
                    continue;
                }
                if (text.length() > MAX_LINE) {
                    throw new InvalidInputException(file + ":" + line + ": the line is longer than " + MAX_LINE
                            + " characters; each line should be one record.");
                }
                JsonNode record;
                try {
                    record = JSON.readTree(text);
                } catch (JsonProcessingException e) {
                    throw new InvalidInputException(file + ":" + line + ": this line is not JSON ("
                            + e.getOriginalMessage() + "); each line should be one JSON object.");
                }
                handler.accept(record, line);
            }
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + " is not UTF-8 text.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Each element of a file that holds one JSON array, read as a stream. */
    public static void eachElement(Path file, RecordHandler handler) {
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidInputException(
                        file + ":" + line(parser.currentTokenLocation()) + ": expected a JSON array of records here.");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw new InvalidInputException(file + ": the JSON array is not closed; the file is cut short.");
                }
                long at = line(parser.currentTokenLocation());
                JsonNode record = JSON.readTree(parser);
                handler.accept(record, at);
            }
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new InvalidInputException(file + (where == null ? "" : ":" + where.getLineNr())
                    + ": this is not valid JSON (" + e.getOriginalMessage() + ").");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** A required text field of a record. */
    public static String text(JsonNode record, String field, Path file, long line) {
        JsonNode v = record.get(field);
        if (v == null || !v.isValueNode() || v.isNull() || v.asText().isBlank()) {
            throw new InvalidInputException(file + ":" + line + ": the record has no \"" + field + "\" text.");
        }
        return v.asText();
    }

    /** An optional text field of a record, or null. */
    public static String optionalText(JsonNode record, String field) {
        JsonNode v = record.get(field);
        return v == null || !v.isValueNode() || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static long line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }
}
