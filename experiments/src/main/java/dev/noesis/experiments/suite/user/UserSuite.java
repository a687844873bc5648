package dev.noesis.experiments.suite.user;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.memory.Fact;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.experiments.suite.AnswerSchemas;
import dev.noesis.experiments.suite.CorpusMetric;
import dev.noesis.experiments.suite.SuiteItem;
import dev.noesis.experiments.suite.SuiteSetup;
import dev.noesis.experiments.suite.SuiteSetup.SetupDocument;
import dev.noesis.experiments.suite.extract.ExtractionRules;
import dev.noesis.experiments.suite.extract.Extractor;
import dev.noesis.experiments.suite.metric.MacroF1;
import dev.noesis.experiments.suite.metric.MetricNames;
import dev.noesis.experiments.suite.metric.Scorer;
import dev.noesis.experiments.suite.scored.ScoredSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The user's own suite: a JSON Lines file of items (see {@link UserSuiteFile}) and the small YAML
 * beside it ({@link UserSuiteConfig}: the same name with {@code .yaml} or {@code .yml}), or given.
 * Without a YAML it is scored by exact match and token F1. The whole file is read and checked when
 * the suite is loaded, so a bad line is reported before anything runs.
 */
public final class UserSuite extends ScoredSuite {

    private final UserSuiteConfig config;
    private final UserSuiteFile file;
    private final List<String> labels;

    private UserSuite(String name, UserSuiteConfig config, UserSuiteFile file, List<String> labels) {
        super(
                name,
                config.description() != null
                        ? config.description()
                        : "The user's suite " + file.path().getFileName() + " (" + config.metric() + ")",
                config.instructions() != null ? config.instructions() : defaultInstructions(config.metric(), labels),
                extractor(config, labels),
                scorer(config.metric()));
        this.config = config;
        this.file = file;
        this.labels = labels;
    }

    /**
     * Loads a suite file, with the YAML beside it if there is one.
     *
     * @throws InvalidInputException for a missing or bad file, with file and line
     */
    public static UserSuite load(Path jsonl) {
        return load(jsonl, besideYaml(jsonl).orElse(null));
    }

    /**
     * Loads a suite file with the given YAML ({@code null} for none: exact match and F1).
     *
     * @throws InvalidInputException for a missing or bad file, with file and line
     */
    public static UserSuite load(Path jsonl, Path yaml) {
        UserSuiteConfig config = yaml == null ? UserSuiteConfig.DEFAULTS : UserSuiteConfig.read(yaml);
        UserSuiteFile file = UserSuiteFile.read(jsonl);
        String name = config.name() != null ? config.name() : stem(jsonl);
        List<String> labels = config.labels();
        boolean usesLabels = config.metric().equals(MetricNames.ACCURACY)
                || config.extraction().stream().anyMatch(r -> r.strip().equals("label"));
        if (labels.isEmpty() && usesLabels) {
            Set<String> seen = new LinkedHashSet<>();
            file.items().forEach(i -> seen.addAll(i.gold()));
            labels = List.copyOf(seen);
        }
        return new UserSuite(name, config, file, labels);
    }

    /** The YAML beside a suite file: {@code NAME.yaml}, else {@code NAME.yml}. */
    public static Optional<Path> besideYaml(Path jsonl) {
        Path parent = jsonl.toAbsolutePath().getParent();
        for (String ext : List.of(".yaml", ".yml")) {
            Path candidate = parent.resolve(stem(jsonl) + ext);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The path of the items file. */
    public Path path() {
        return file.path();
    }

    /** The settings it was loaded with. */
    public UserSuiteConfig config() {
        return config;
    }

    @Override
    protected List<SuiteItem> readItems() {
        return file.items();
    }

    /** The documents and facts the given items carry. */
    @Override
    public SuiteSetup setup(List<SuiteItem> items) {
        List<SetupDocument> documents = new ArrayList<>();
        List<Fact> facts = new ArrayList<>();
        for (SuiteItem item : items) {
            documents.addAll(file.documents().getOrDefault(item.id(), List.of()));
            facts.addAll(file.facts().getOrDefault(item.id(), List.of()));
        }
        return new SuiteSetup(documents, facts);
    }

    @Override
    public Optional<JsonSchema> answerSchema() {
        return Optional.of(
                switch (config.metric()) {
                    case MetricNames.NUMERIC -> AnswerSchemas.reasonedNumber();
                    case MetricNames.ACCURACY -> AnswerSchemas.label(labels);
                    default -> AnswerSchemas.shortAnswer();
                });
    }

    @Override
    public List<CorpusMetric> corpusMetrics() {
        return config.metric().equals(MetricNames.ACCURACY) ? List.of(new MacroF1()) : List.of();
    }

    private static Extractor extractor(UserSuiteConfig config, List<String> labels) {
        List<String> rules = !config.extraction().isEmpty()
                ? config.extraction()
                : switch (config.metric()) {
                    case MetricNames.NUMERIC ->
                        List.of("json-field:answer", "gsm8k-hash", "answer-prefix", "last-number");
                    case MetricNames.ACCURACY -> List.of("json-field:answer", "label");
                    default -> List.of("json-field:answer", "answer-prefix", "answer-is", "first-line");
                };
        return ExtractionRules.extractor(rules, labels);
    }

    private static Scorer scorer(String metric) {
        return switch (metric) {
            case MetricNames.NUMERIC -> Scorer.numeric();
            case MetricNames.ACCURACY -> Scorer.accuracy();
            case MetricNames.F1 -> Scorer.f1AndExactMatch();
            default -> Scorer.exactMatchAndF1();
        };
    }

    private static String defaultInstructions(String metric, List<String> labels) {
        return switch (metric) {
            case MetricNames.NUMERIC ->
                "Solve the problem step by step. Then write the final answer, a number alone,"
                        + " on a last line of the form \"#### <number>\".";
            case MetricNames.ACCURACY -> "Answer with one word: " + String.join(" or ", labels) + ".";
            default ->
                "Answer the question with a short answer, not a sentence. Write it on one line as"
                        + " \"Answer: <answer>\".";
        };
    }

    private static String stem(Path jsonl) {
        String n = jsonl.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
