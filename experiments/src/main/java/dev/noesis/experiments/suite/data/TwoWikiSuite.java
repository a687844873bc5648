package dev.noesis.experiments.suite.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.memory.Fact;
import dev.noesis.core.memory.Provenance;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.experiments.suite.AnswerSchemas;
import dev.noesis.experiments.suite.SuiteItem;
import dev.noesis.experiments.suite.SuiteSetup;
import dev.noesis.experiments.suite.metric.Scorer;
import dev.noesis.experiments.suite.scored.ScoredSuite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * 2WikiMultihopQA dev (1,000 questions), scored with SQuAD exact match and token F1; the category
 * is the question type (compositional, comparison, bridge_comparison, inference). The setup is the
 * items' gold evidence triples as memory facts (subject, relation, object), each with the
 * provenance {@code 2wikimultihopqa:<id>} of the first item that gives it.
 *
 * <p>Facts are imported as non-exclusive: the triples come from many questions, and one relation
 * may hold several values (a film with two directors); none must replace another.
 */
public final class TwoWikiSuite extends ScoredSuite {

    public static final String NAME = "2wiki";
    /** The folder under the data root. */
    public static final String FOLDER = "2wikimultihopqa";

    static final String FILE = "dev_1000_with_evidence.json";

    private final Path file;
    private final Map<String, List<Fact>> factsById = new HashMap<>();

    /** @param folder the folder that holds {@code dev_1000_with_evidence.json} */
    public TwoWikiSuite(Path folder) {
        super(
                NAME,
                "2WikiMultihopQA dev, multi-hop questions with gold evidence triples imported into memory; EM and F1",
                HotpotQaSuite.INSTRUCTIONS,
                HotpotQaSuite.qaExtractor(),
                Scorer.exactMatchAndF1());
        String expected = FILE + " (2WikiMultihopQA dev: a JSON array of {_id, type, question, evidences, answer})";
        JsonData.requireFolder(folder, "the 2wiki suite's data", expected);
        this.file = JsonData.requireFile(folder.resolve(FILE), "the 2wiki suite's data", expected);
    }

    @Override
    protected List<SuiteItem> readItems() {
        List<SuiteItem> items = new ArrayList<>();
        Map<String, Long> lineOfId = new HashMap<>();
        JsonData.eachElement(file, (record, line) -> {
            String id = JsonData.text(record, "_id", file, line);
            Long before = lineOfId.putIfAbsent(id, line);
            if (before != null) {
                throw new InvalidInputException(file + ":" + line + ": the id '" + id
                        + "' was already used by the record at line " + before + ".");
            }
            String question = JsonData.text(record, "question", file, line);
            String answer = JsonData.text(record, "answer", file, line);
            List<Fact> facts = facts(record.path("evidences"), id, line);
            factsById.put(id, facts);
            StringBuilder evidence = new StringBuilder();
            for (Fact f : facts) {
                evidence.append(evidence.isEmpty() ? "" : "\n")
                        .append(f.subject())
                        .append(" | ")
                        .append(f.predicate())
                        .append(" | ")
                        .append(f.object());
            }
            items.add(new SuiteItem(
                    id,
                    question,
                    List.of(answer),
                    JsonData.optionalText(record, "type"),
                    Map.of("evidence", evidence.toString())));
        });
        return items;
    }

    private List<Fact> facts(JsonNode evidences, String id, long line) {
        if (!evidences.isArray() || evidences.isEmpty()) {
            throw new InvalidInputException(file + ":" + line + ": the record has no \"evidences\" triples.");
        }
        Provenance source = new Provenance("2wikimultihopqa:" + id, "2WikiMultihopQA dev " + id);
        List<Fact> facts = new ArrayList<>();
        for (JsonNode t : evidences) {
            if (!t.isArray() || t.size() != 3) {
                throw new InvalidInputException(file + ":" + line + ": an evidence of '" + id
                        + "' is not a [subject, relation, object] triple: " + t);
            }
            try {
                facts.add(Fact.of(
                                t.get(0).asText().strip(),
                                t.get(1).asText().strip(),
                                t.get(2).asText().strip(),
                                source)
                        .nonExclusive());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(file + ":" + line + ": the evidence " + t + " of '" + id
                        + "' is not a fact: " + e.getMessage());
            }
        }
        return facts;
    }

    /** The evidence triples of these items, each distinct triple once. */
    @Override
    public SuiteSetup setup(List<SuiteItem> items) {
        items(); // the triples are read with the items
        Set<List<String>> seen = new LinkedHashSet<>();
        List<Fact> facts = new ArrayList<>();
        for (SuiteItem item : items) {
            for (Fact f : factsById.getOrDefault(item.id(), List.of())) {
                if (seen.add(List.of(f.subject(), f.predicate(), f.object()))) {
                    facts.add(f);
                }
            }
        }
        return new SuiteSetup(List.of(), facts);
    }

    @Override
    public Optional<JsonSchema> answerSchema() {
        return Optional.of(AnswerSchemas.shortAnswer());
    }
}
