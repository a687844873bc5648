package dev.noesis.memory.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.error.BackendException;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Imports the evidence triples of 2WikiMultihopQA questions (a JSON array of
 * {@code {_id, question, evidences: [[subject, relation, object], ...], ...}}): each triple becomes a
 * fact whose source is its question ({@code 2wiki:<_id>}). The data set's facts hold together (a
 * film has several cast members), so none supersedes another. A malformed entry is reported with the
 * line it starts on and skipped.
 */
public final class TwoWikiImporter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FactSink memory;
    private final int batchSize;

    public TwoWikiImporter(FactSink memory, int batchSize) {
        this.memory = memory;
        this.batchSize = batchSize;
    }

    /** One question with its gold evidence, as the benchmark reads it. */
    public record Question(String id, String question, String type, List<List<String>> evidence, String answer) {}

    public FactImport run(Path file, ImportListener listener) {
        long started = System.nanoTime();
        List<ImportProblem> problems = new ArrayList<>();
        FactBatcher batcher = new FactBatcher(memory, batchSize);
        read(file, problems, q -> {
            Provenance source = new Provenance("2wiki:" + q.id(), q.question());
            for (List<String> t : q.evidence()) {
                batcher.add(new Fact(t.get(0), t.get(1), t.get(2), 1.0, Optional.empty(), source, false));
            }
            listener.progress("facts", batcher.read(), -1);
        });
        batcher.flush();
        listener.progress("facts", batcher.read(), batcher.read());
        return new FactImport(
                batcher.read(), batcher.report(), problems, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Reads the questions, reporting malformed entries in {@code problems}. */
    public static List<Question> questions(Path file, List<ImportProblem> problems) {
        List<Question> all = new ArrayList<>();
        read(file, problems, all::add);
        return all;
    }

    private static void read(Path file, List<ImportProblem> problems, java.util.function.Consumer<Question> sink) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("Cannot import " + file + ": it is not a file.");
        }
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            p.setCodec(JSON);
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidInputException(
                        file + " is not a 2WikiMultihopQA file: it should hold a JSON array of questions.");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                long line = p.currentLocation().getLineNr();
                JsonNode entry = p.readValueAsTree();
                try {
                    sink.accept(question(entry));
                } catch (IllegalArgumentException e) {
                    problems.add(new ImportProblem(line, e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read " + file + " as JSON: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof InvalidInputException || e instanceof BackendException) {
                throw e;
            }
            throw new BackendException("Failed while importing " + file + ": " + e.getMessage(), e);
        }
    }

    private static Question question(JsonNode entry) {
        String id = entry.path("_id").asText("");
        if (id.isBlank()) {
            throw new IllegalArgumentException("an entry without \"_id\"");
        }
        JsonNode evidences = entry.get("evidences");
        if (evidences == null || !evidences.isArray()) {
            throw new IllegalArgumentException("entry " + id + " has no \"evidences\" array");
        }
        List<List<String>> triples = new ArrayList<>();
        for (JsonNode t : evidences) {
            if (!t.isArray()
                    || t.size() != 3
                    || !t.get(0).isTextual()
                    || !t.get(1).isTextual()
                    || !t.get(2).isTextual()
                    || t.get(0).asText().isBlank()
                    || t.get(1).asText().isBlank()
                    || t.get(2).asText().isBlank()) {
                throw new IllegalArgumentException(
                        "entry " + id + " has an evidence that is not three non-empty strings: " + t);
            }
            triples.add(List.of(t.get(0).asText(), t.get(1).asText(), t.get(2).asText()));
        }
        return new Question(
                id,
                entry.path("question").asText(""),
                entry.path("type").asText(""),
                triples,
                entry.path("answer").asText(""));
    }
}
