package dev.noesis.experiments.suite.data;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.experiments.suite.AnswerSchemas;
import dev.noesis.experiments.suite.SuiteItem;
import dev.noesis.experiments.suite.extract.ExtractionRules;
import dev.noesis.experiments.suite.extract.Extractor;
import dev.noesis.experiments.suite.metric.Scorer;
import dev.noesis.experiments.suite.scored.ScoredSuite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * GSM8K test: 1,319 grade-school math word problems, scored on the final number (after
 * {@code ####} in the gold solution) with commas, currency and trailing zeros ignored.
 *
 * <p>Ids are {@code test-NNNN}, the 0-based position in the official test file (as in the
 * published data set's own order); the gold solution's worked steps are kept as metadata.
 */
public final class Gsm8kSuite extends ScoredSuite {

    public static final String NAME = "gsm8k";
    /** The folder under the data root. */
    public static final String FOLDER = "gsm8k";

    static final String FILE = "test.jsonl";
    static final String INSTRUCTIONS = "Solve the math problem step by step. Then write the final answer, a number"
            + " alone, on a last line of the form \"#### <number>\".";

    private final Path file;

    /** @param folder the folder that holds {@code test.jsonl} */
    public Gsm8kSuite(Path folder) {
        super(
                NAME,
                "GSM8K test: grade-school math word problems, exact match on the final number",
                INSTRUCTIONS,
                new Extractor(List.of(
                        ExtractionRules.jsonField("answer"),
                        ExtractionRules.gsm8kHash(),
                        ExtractionRules.answerPrefix(),
                        ExtractionRules.lastNumber())),
                Scorer.numeric());
        String expected = FILE + " (the GSM8K test set: one JSON object per line with question and answer)";
        JsonData.requireFolder(folder, "the gsm8k suite's data", expected);
        this.file = JsonData.requireFile(folder.resolve(FILE), "the gsm8k suite's data", expected);
    }

    @Override
    protected List<SuiteItem> readItems() {
        List<SuiteItem> items = new ArrayList<>();
        JsonData.eachLine(file, (record, line) -> {
            String question = JsonData.text(record, "question", file, line);
            String solution = JsonData.text(record, "answer", file, line);
            int hash = solution.lastIndexOf("####");
            if (hash < 0) {
                throw new InvalidInputException(
                        file + ":" + line + ": the answer has no final \"#### <number>\" line.");
            }
            String gold = solution.substring(hash + 4).strip();
            String id = String.format(Locale.ROOT, "test-%04d", items.size());
            items.add(new SuiteItem(id, question, List.of(gold), null, Map.of("solution", solution)));
        });
        return items;
    }

    @Override
    public Optional<JsonSchema> answerSchema() {
        return Optional.of(AnswerSchemas.reasonedNumber());
    }
}
