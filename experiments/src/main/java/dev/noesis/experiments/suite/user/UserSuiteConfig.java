package dev.noesis.experiments.suite.user;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.experiments.suite.extract.ExtractionRules;
import dev.noesis.experiments.suite.metric.MetricNames;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The small YAML beside a user's suite file: how its answers are judged. Every key is optional.
 *
 * <pre>
 * name: capitals                 # default: the JSONL file's name without .jsonl
 * description: Capitals of the world
 * metric: em                     # em | f1 | numeric | accuracy (default em)
 * extraction: [json-field:answer, answer-prefix, first-line]   # or one rule; default by metric
 * instructions: Answer with the city's name only.              # default by metric
 * labels: [yes, no]              # for accuracy or the label rule (default: the gold answers seen)
 * </pre>
 *
 * The YAML is read as a tree of nodes with limits on size, nesting and aliases, and a wrong key or
 * value is reported with the file, line and column.
 *
 * @param name         the suite's name, or null for the file's
 * @param description  one line, or null
 * @param metric       one of {@link #METRICS}
 * @param extraction   the rule names in order, or empty for the metric's default
 * @param instructions the instruction before each question, or null for the metric's default
 * @param labels       the labels for accuracy, or empty
 */
public record UserSuiteConfig(
        String name,
        String description,
        String metric,
        List<String> extraction,
        String instructions,
        List<String> labels) {

    /** The metrics a user suite may name. */
    public static final List<String> METRICS =
            List.of(MetricNames.EM, MetricNames.F1, MetricNames.NUMERIC, MetricNames.ACCURACY);

    static final int MAX_BYTES = 64 << 10;
    private static final Set<String> KEYS =
            Set.of("name", "description", "metric", "extraction", "instructions", "labels");

    /** No file: exact match and the default extraction and instructions. */
    public static final UserSuiteConfig DEFAULTS =
            new UserSuiteConfig(null, null, MetricNames.EM, List.of(), null, List.of());

    public UserSuiteConfig {
        extraction = List.copyOf(extraction);
        labels = List.copyOf(labels);
    }

    /**
     * Reads a suite's YAML.
     *
     * @throws InvalidInputException naming the file, line and column of what is wrong
     */
    public static UserSuiteConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("The suite's YAML " + file + " does not exist.");
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidInputException("The suite's YAML " + file + " is larger than " + MAX_BYTES
                        + " bytes; it should hold a few settings.");
            }
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the suite's YAML " + file + ": " + e.getMessage(), e);
        }
        Node root;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            options.setNestingDepthLimit(10);
            options.setCodePointLimit(MAX_BYTES);
            root = new Yaml(options).compose(in);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new InvalidInputException(at(file, m) + ": this is not valid YAML: " + e.getProblem() + ".");
        } catch (YAMLException | IOException e) {
            throw new InvalidInputException(file + ": this is not valid YAML: " + e.getMessage() + ".");
        }
        if (root == null) {
            return DEFAULTS;
        }
        if (!(root instanceof MappingNode top)) {
            throw error(file, root, "a mapping of settings (metric, extraction, instructions, ...)");
        }
        Map<String, Node> values = new LinkedHashMap<>();
        for (NodeTuple t : top.getValue()) {
            String key = scalar(file, t.getKeyNode(), "a setting name");
            if (!KEYS.contains(key)) {
                throw error(
                        file,
                        t.getKeyNode(),
                        "one of " + String.join(", ", new TreeSet<>(KEYS)) + ", not '" + key + "'");
            }
            if (values.putIfAbsent(key, t.getValueNode()) != null) {
                throw error(file, t.getKeyNode(), "each setting once, but '" + key + "' appears again");
            }
        }
        String metric = MetricNames.EM;
        if (values.containsKey("metric")) {
            Node n = values.get("metric");
            metric = scalar(file, n, "a metric: " + String.join(", ", METRICS));
            if (!METRICS.contains(metric)) {
                throw error(file, n, "a metric: " + String.join(", ", METRICS) + ", not '" + metric + "'");
            }
        }
        List<String> labels = values.containsKey("labels")
                ? scalars(file, values.get("labels"), "a list of labels, e.g. [yes, no]")
                : List.of();
        List<String> extraction = values.containsKey("extraction")
                ? scalars(file, values.get("extraction"), "an extraction rule or a list of them")
                : List.of();
        if (values.containsKey("extraction")) {
            List<String> checkLabels = labels.isEmpty() ? List.of("?") : labels; // labels may come from the items
            for (String rule : extraction) {
                try {
                    ExtractionRules.byName(rule, checkLabels);
                } catch (InvalidInputException e) {
                    throw new InvalidInputException(
                            at(file, values.get("extraction").getStartMark()) + ": " + e.getMessage());
                }
            }
        }
        return new UserSuiteConfig(
                optional(file, values.get("name"), "the suite's name"),
                optional(file, values.get("description"), "a description"),
                metric,
                extraction,
                optional(file, values.get("instructions"), "the instructions, as text"),
                labels);
    }

    private static String optional(Path file, Node node, String expected) {
        return node == null ? null : scalar(file, node, expected);
    }

    private static String scalar(Path file, Node node, String expected) {
        if (node instanceof ScalarNode s
                && !s.getTag().equals(Tag.NULL)
                && !s.getValue().isBlank()) {
            return s.getValue().strip();
        }
        throw error(file, node, expected);
    }

    private static List<String> scalars(Path file, Node node, String expected) {
        if (node instanceof SequenceNode seq && !seq.getValue().isEmpty()) {
            List<String> out = new ArrayList<>();
            for (Node n : seq.getValue()) {
                out.add(scalar(file, n, expected));
            }
            return out;
        }
        return List.of(scalar(file, node, expected));
    }

    private static InvalidInputException error(Path file, Node node, String expected) {
        return new InvalidInputException(at(file, node.getStartMark()) + ": expected " + expected + ".");
    }

    private static String at(Path file, Mark mark) {
        return mark == null ? file.toString() : file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }
}
