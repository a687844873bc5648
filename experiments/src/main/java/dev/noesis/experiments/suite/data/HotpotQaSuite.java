package dev.noesis.experiments.suite.data;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.experiments.suite.AnswerSchemas;
import dev.noesis.experiments.suite.SuiteItem;
import dev.noesis.experiments.suite.SuiteSetup;
import dev.noesis.experiments.suite.SuiteSetup.SetupDocument;
import dev.noesis.experiments.suite.extract.ExtractionRules;
import dev.noesis.experiments.suite.extract.Extractor;
import dev.noesis.experiments.suite.metric.Scorer;
import dev.noesis.experiments.suite.scored.ScoredSuite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * HotpotQA dev questions (1,000, with their gold evidence sentences), scored with SQuAD exact match
 * and token F1. Two suites over the same items: {@code hotpotqa} closed book (no setup), and
 * {@code hotpotqa-evidence}, whose setup is the gold evidence as documents, one per Wikipedia title
 * with that title's evidence sentences, pooled over the items run (so retrieval still has to pick).
 *
 * <p>The file gives no question ids, so an item's id is {@code hp-} and the first 12 hex digits of
 * the SHA-256 of its question: stable whatever the file's order, and the same in both suites.
 * Each item keeps its evidence (one sentence per line) in metadata, under {@code evidence}.
 */
public final class HotpotQaSuite extends ScoredSuite {

    public static final String CLOSED_BOOK = "hotpotqa";
    public static final String WITH_EVIDENCE = "hotpotqa-evidence";
    /** The folder under the data root. */
    public static final String FOLDER = "hotpotqa";

    static final String FILE = "hotpot_dev_gold_evidence_1000.json";
    static final String INSTRUCTIONS = "Answer the question with a short answer (a name, a date, a number, or yes or"
            + " no), not a sentence. Write it on one line as \"Answer: <answer>\".";

    private final Path file;
    private final boolean withEvidence;

    /**
     * @param folder       the folder that holds {@code hotpot_dev_gold_evidence_1000.json}
     * @param withEvidence whether the gold evidence is the setup ({@code hotpotqa-evidence})
     */
    public HotpotQaSuite(Path folder, boolean withEvidence) {
        super(
                withEvidence ? WITH_EVIDENCE : CLOSED_BOOK,
                withEvidence
                        ? "HotpotQA dev, multi-hop questions with their gold evidence sentences as documents; EM and F1"
                        : "HotpotQA dev, multi-hop questions answered closed book; EM and F1",
                INSTRUCTIONS,
                qaExtractor(),
                Scorer.exactMatchAndF1());
        String expected = FILE + " (HotpotQA dev questions: a JSON array of {question, answer, evidence, type, level})";
        JsonData.requireFolder(folder, "the " + name() + " suite's data", expected);
        this.file = JsonData.requireFile(folder.resolve(FILE), "the " + name() + " suite's data", expected);
        this.withEvidence = withEvidence;
    }

    static Extractor qaExtractor() {
        return new Extractor(List.of(
                ExtractionRules.jsonField("answer"),
                ExtractionRules.answerPrefix(),
                ExtractionRules.answerIs(),
                ExtractionRules.firstLine()));
    }

    @Override
    protected List<SuiteItem> readItems() {
        List<SuiteItem> items = new ArrayList<>();
        Map<String, Long> lineOfId = new HashMap<>();
        JsonData.eachElement(file, (record, line) -> {
            String question = JsonData.text(record, "question", file, line);
            String answer = JsonData.text(record, "answer", file, line);
            if (!record.path("evidence").isArray() || record.path("evidence").isEmpty()) {
                throw new InvalidInputException(file + ":" + line + ": the record has no \"evidence\" sentences.");
            }
            List<String> evidence = new ArrayList<>();
            record.get("evidence").forEach(e -> evidence.add(e.asText()));
            String id = "hp-" + sha256(question).substring(0, 12);
            Long before = lineOfId.putIfAbsent(id, line);
            if (before != null) {
                throw new InvalidInputException(file + ":" + line + ": the question of the record at line " + before
                        + " appears again; item ids are made from questions, so each must be unique.");
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("evidence", String.join("\n", evidence));
            String level = JsonData.optionalText(record, "level");
            if (level != null) {
                metadata.put("level", level);
            }
            items.add(new SuiteItem(id, question, List.of(answer), JsonData.optionalText(record, "type"), metadata));
        });
        return items;
    }

    /** For {@code hotpotqa-evidence}, the evidence of these items: one document per title. */
    @Override
    public SuiteSetup setup(List<SuiteItem> items) {
        if (!withEvidence) {
            return SuiteSetup.NONE;
        }
        Map<String, Set<String>> sentencesByTitle = new LinkedHashMap<>();
        for (SuiteItem item : items) {
            for (String evidence : item.metadata().getOrDefault("evidence", "").split("\n")) {
                int bar = evidence.indexOf(" | ");
                if (bar <= 0) {
                    continue;
                }
                String title = evidence.substring(0, bar).strip();
                String sentence = evidence.substring(bar + 3).strip();
                if (!sentence.isEmpty()) {
                    sentencesByTitle
                            .computeIfAbsent(title, t -> new LinkedHashSet<>())
                            .add(sentence);
                }
            }
        }
        List<SetupDocument> documents = new ArrayList<>();
        sentencesByTitle.forEach((title, sentences) ->
                documents.add(new SetupDocument("hotpotqa/" + title, title, String.join(" ", sentences))));
        return new SuiteSetup(documents, List.of());
    }

    @Override
    public Optional<JsonSchema> answerSchema() {
        return Optional.of(AnswerSchemas.shortAnswer());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
