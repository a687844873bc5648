package dev.noesis.memory.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.noesis.core.error.BackendException;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.Provenance;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Imports facts from a JSON Lines file, one object per line:
 * {@code {"s": "Marie Curie", "r": "award received", "o": "Nobel Prize in Physics", "source": "..."}}.
 * Optional fields: {@code source} (default: the file), {@code confidence} (0 to 1), {@code validFrom}
 * (an ISO date or instant) and {@code exclusive} (whether this fact replaces current ones with the
 * same subject and predicate; default: the importer's setting). Each line is strict JSON: one object
 * and nothing after it, each key once, {@code exclusive} a boolean; a byte order mark before the
 * first line is skipped. A malformed line is reported with its number and skipped; the rest is imported.
 */
public final class TriplesImporter {

    /** Longest line read; longer lines are reported and skipped. */
    public static final int MAX_LINE = 64 * 1024;

    /** Strict JSON: one value per line and nothing after it, each key once. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final char BOM = '\uFEFF';

    private final FactSink memory;
    private final int batchSize;
    private final boolean exclusive;

    public TriplesImporter(FactSink memory, int batchSize, boolean exclusive) {
        this.memory = memory;
        this.batchSize = batchSize;
        this.exclusive = exclusive;
    }

    public FactImport run(Path file, ImportListener listener) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("Cannot import " + file + ": it is not a file.");
        }
        long started = System.nanoTime();
        Provenance fileSource = new Provenance(
                file.toAbsolutePath().normalize().toUri().toString(),
                file.getFileName().toString());
        List<ImportProblem> problems = new ArrayList<>();
        FactBatcher batcher = new FactBatcher(memory, batchSize);
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            long number = 0;
            while ((line = nextLine(in)) != null) {
                number++;
                if (number == 1 && !line.isEmpty() && line.charAt(0) == BOM) {
                    line = line.substring(1); // a byte order mark, which some editors write
                }
                if (line.isBlank()) {
                    continue;
                }
                if (line.length() > MAX_LINE) {
                    problems.add(new ImportProblem(number, "longer than " + MAX_LINE + " characters"));
                    continue;
                }
                try {
                    batcher.add(parse(line, fileSource));
                } catch (IllegalArgumentException e) {
                    problems.add(new ImportProblem(number, e.getMessage()));
                }
                if (number % 1000 == 0) {
                    listener.progress("facts", batcher.read(), -1);
                }
            }
        } catch (IOException e) {
            throw new BackendException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        batcher.flush();
        listener.progress("facts", batcher.read(), batcher.read());
        return new FactImport(
                batcher.read(), batcher.report(), problems, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * The next line without its line break, or null at the end of the file. A line longer than
     * {@link #MAX_LINE} comes back cut to one character more than that (the rest is skipped), so
     * that a file with one enormous line cannot fill the memory.
     */
    private static String nextLine(BufferedReader in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c = in.read();
        if (c == -1) {
            return null;
        }
        for (; c != -1 && c != '\n'; c = in.read()) {
            if (line.length() <= MAX_LINE) {
                line.append((char) c);
            }
        }
        int end = line.length();
        if (end > 0 && end <= MAX_LINE && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        return line.toString();
    }

    private Fact parse(String line, Provenance fileSource) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
                throw new IllegalArgumentException("not JSON (more after the object: one object per line)");
            }
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")");
        }
        return fact(node, fileSource, exclusive);
    }

    /**
     * One triple as a line of the file holds it, validated as the importer does: the same fields,
     * types and ranges wherever facts come from (a file, a request).
     *
     * @param defaultSource the provenance when the triple names no {@code source}
     * @param exclusive     whether the fact replaces current ones when the triple does not say
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Fact fact(JsonNode node, Provenance defaultSource, boolean exclusive) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Provenance fileSource = defaultSource;
        String s = text(node, "s");
        String r = text(node, "r");
        String o = text(node, "o");
        Provenance source = node.hasNonNull("source") ? new Provenance(text(node, "source"), "") : fileSource;
        double confidence = 1.0;
        if (node.has("confidence")) {
            if (!node.get("confidence").isNumber()) {
                throw new IllegalArgumentException("\"confidence\" must be a number from 0 to 1");
            }
            confidence = node.get("confidence").asDouble();
        }
        Optional<Instant> validFrom =
                node.hasNonNull("validFrom") ? Optional.of(instant(text(node, "validFrom"))) : Optional.empty();
        boolean ex = exclusive;
        if (node.has("exclusive")) {
            if (!node.get("exclusive").isBoolean()) {
                throw new IllegalArgumentException("\"exclusive\" must be true or false, got " + node.get("exclusive"));
            }
            ex = node.get("exclusive").booleanValue();
        }
        return new Fact(s, r, o, confidence, validFrom, source, ex);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a non-empty string");
        }
        return v.asText();
    }

    private static Instant instant(String value) {
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "\"validFrom\" must be a date (2024-05-01) or an instant (2024-05-01T12:00:00Z), got '" + value
                            + "'");
        }
    }
}
