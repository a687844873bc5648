package dev.noesis.experiments.suite.user;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.Provenance;
import dev.noesis.experiments.suite.SuiteItem;
import dev.noesis.experiments.suite.SuiteSetup.SetupDocument;
import dev.noesis.experiments.suite.data.JsonData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's suite items, one JSON object per line:
 *
 * <pre>
 * {"id": "q1", "question": "What is the capital of France?", "answer": "Paris"}
 * {"id": "q2", "question": "Who wrote it?", "answers": ["Hugo", "Victor Hugo"],
 *  "context": "Les Misérables is a novel by Victor Hugo.", "category": "literature"}
 * {"id": "q3", "question": "Where was Ada born?", "answer": "London",
 *  "documents": ["Ada Lovelace was born in London.", {"id": "bio", "title": "Ada", "text": "..."}],
 *  "facts": [{"s": "Ada Lovelace", "r": "born in", "o": "London"}]}
 * </pre>
 *
 * {@code id} (text or number), {@code question} and a gold answer ({@code answer}, or a non-empty
 * list {@code answers}) are required. A {@code context} is shown with the question; {@code documents}
 * go into the index and {@code facts} into memory before the items run. Other fields are kept as
 * metadata. Errors name the file and line; a repeated id names both lines.
 *
 * @param path      the file
 * @param items     the items, in file order
 * @param documents item id to the documents it brings
 * @param facts     item id to the facts it brings
 */
public record UserSuiteFile(
        Path path, List<SuiteItem> items, Map<String, List<SetupDocument>> documents, Map<String, List<Fact>> facts) {

    /** The largest suite file accepted: items, documents and facts are held in memory. */
    public static final long MAX_BYTES = 256L << 20;

    private static final Set<String> KNOWN =
            Set.of("id", "question", "answer", "answers", "context", "documents", "facts", "category");

    /**
     * Reads and checks the whole file.
     *
     * @throws InvalidInputException for a missing file or the first bad line, with file:line
     */
    public static UserSuiteFile read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException("The suite file " + path + " does not exist; expected a JSON Lines file"
                    + " of items with id, question and answer.");
        }
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new InvalidInputException("The suite file " + path + " is larger than " + MAX_BYTES + " bytes.");
            }
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the suite file " + path + ": " + e.getMessage(), e);
        }
        List<SuiteItem> items = new ArrayList<>();
        Map<String, List<SetupDocument>> documents = new HashMap<>();
        Map<String, List<Fact>> facts = new HashMap<>();
        Map<String, Long> lineOfId = new HashMap<>();
        JsonData.eachLine(path, (record, line) -> {
            String at = path + ":" + line;
            if (!record.isObject()) {
                throw new InvalidInputException(at + ": expected a JSON object with id, question and answer.");
            }
            String id = id(record, at);
            Long before = lineOfId.putIfAbsent(id, line);
            if (before != null) {
                throw new InvalidInputException(at + ": the id '" + id + "' is used again; it was first used at " + path
                        + ":" + before + ". Each item needs its own id.");
            }
            String question = text(record, "question", at, id);
            List<String> gold = gold(record, at, id);
            String context = record.has("context") ? text(record, "context", at, id) : null;
            String shown = context == null ? question : "Context:\n" + context + "\n\nQuestion: " + question;
            String category = record.has("category") ? text(record, "category", at, id) : null;
            Map<String, String> metadata = new LinkedHashMap<>();
            record.properties().forEach(e -> {
                if (!KNOWN.contains(e.getKey())
                        && e.getValue().isValueNode()
                        && !e.getValue().isNull()) {
                    metadata.put(e.getKey(), e.getValue().asText());
                }
            });
            items.add(new SuiteItem(id, shown, gold, category, metadata));
            if (record.has("documents")) {
                documents.put(id, documents(record.get("documents"), at, id));
            }
            if (record.has("facts")) {
                facts.put(id, facts(record.get("facts"), at, id, path));
            }
        });
        if (items.isEmpty()) {
            throw new InvalidInputException("The suite file " + path + " has no items.");
        }
        return new UserSuiteFile(path, List.copyOf(items), Map.copyOf(documents), Map.copyOf(facts));
    }

    private static String id(JsonNode record, String at) {
        JsonNode id = record.get("id");
        if (id == null
                || !(id.isTextual() || id.isIntegralNumber())
                || id.asText().isBlank()) {
            throw new InvalidInputException(at + ": the item has no \"id\" (text or a whole number).");
        }
        return id.asText().strip();
    }

    private static String text(JsonNode record, String field, String at, String id) {
        JsonNode v = record.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new InvalidInputException(at + ": item '" + id + "' has no \"" + field + "\" text.");
        }
        return v.asText();
    }

    private static List<String> gold(JsonNode record, String at, String id) {
        List<String> gold = new ArrayList<>();
        JsonNode answer = record.get("answer");
        if (answer != null
                && answer.isValueNode()
                && !answer.isNull()
                && !answer.asText().isBlank()) {
            gold.add(answer.asText());
        } else if (answer != null && !answer.isNull()) {
            throw new InvalidInputException(at + ": item '" + id + "' has an \"answer\" that is not text: " + answer);
        }
        JsonNode answers = record.get("answers");
        if (answers != null && !answers.isNull()) {
            if (!answers.isArray()) {
                throw new InvalidInputException(at + ": item '" + id + "' has \"answers\" that is not a list.");
            }
            for (JsonNode a : answers) {
                if (!a.isValueNode() || a.isNull() || a.asText().isBlank()) {
                    throw new InvalidInputException(
                            at + ": item '" + id + "' has an entry in \"answers\" that is not text: " + a);
                }
                gold.add(a.asText());
            }
        }
        if (gold.isEmpty()) {
            throw new InvalidInputException(at + ": item '" + id + "' has no gold answer; give \"answer\" (text)"
                    + " or \"answers\" (a non-empty list).");
        }
        return gold;
    }

    private static List<SetupDocument> documents(JsonNode docs, String at, String id) {
        if (!docs.isArray()) {
            throw new InvalidInputException(at + ": item '" + id + "' has \"documents\" that is not a list.");
        }
        List<SetupDocument> out = new ArrayList<>();
        int n = 0;
        for (JsonNode d : docs) {
            n++;
            String fallbackId = id + "/doc-" + n;
            if (d.isTextual() && !d.asText().isBlank()) {
                out.add(new SetupDocument(fallbackId, "", d.asText()));
            } else if (d.isObject()
                    && d.path("text").isTextual()
                    && !d.path("text").asText().isBlank()) {
                String docId =
                        d.path("id").isValueNode() && !d.path("id").asText().isBlank()
                                ? d.path("id").asText()
                                : fallbackId;
                out.add(new SetupDocument(
                        docId, d.path("title").asText(""), d.get("text").asText()));
            } else {
                throw new InvalidInputException(at + ": document " + n + " of item '" + id
                        + "' is neither text nor an object with \"text\" (and optional id, title).");
            }
        }
        return out;
    }

    private static List<Fact> facts(JsonNode facts, String at, String id, Path path) {
        if (!facts.isArray()) {
            throw new InvalidInputException(at + ": item '" + id + "' has \"facts\" that is not a list.");
        }
        Provenance source = new Provenance("suite:" + path.getFileName() + "#" + id, "");
        List<Fact> out = new ArrayList<>();
        int n = 0;
        for (JsonNode f : facts) {
            n++;
            try {
                out.add(Fact.of(part(f, "s"), part(f, "r"), part(f, "o"), source)
                        .nonExclusive());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidInputException(at + ": fact " + n + " of item '" + id
                        + "' is not an object {\"s\": subject, \"r\": relation, \"o\": object} of short texts"
                        + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")") + ".");
            }
        }
        return out;
    }

    private static String part(JsonNode fact, String key) {
        JsonNode v = fact.get(key);
        return v == null || !v.isValueNode() || v.isNull() ? null : v.asText().strip();
    }
}
