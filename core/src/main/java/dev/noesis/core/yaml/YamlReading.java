package dev.noesis.core.yaml;

import dev.noesis.core.error.InvalidInputException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML file being read by a reader that reports every problem with its place: the file's name
 * for positions and the problems found so far. A part that is wrong is noted and left out, and
 * reading goes on, so that one check reports them all, each as "file:line:column: expected ...".
 * The YAML is composed into a tree of nodes (never into arbitrary objects), with limits on size,
 * nesting and aliases, so a file cannot be used to exhaust memory.
 */
public abstract class YamlReading {

    /** The file's name, as messages give it. */
    protected final String file;

    private final List<String> problems = new ArrayList<>();

    protected YamlReading(String file) {
        this.file = file;
    }

    /** The problems noted so far, in the order they were found; a reader may add to them. */
    public final List<String> problems() {
        return problems;
    }

    /**
     * The text's root node, or null for an empty text.
     *
     * @throws InvalidInputException when it is not valid YAML, with the place of the problem
     */
    protected final Node compose(String text, int maxNesting, int maxCodePoints) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            options.setNestingDepthLimit(maxNesting);
            options.setCodePointLimit(maxCodePoints);
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new InvalidInputException(where(m) + ": this is not valid YAML: " + e.getProblem() + ".");
        } catch (YAMLException e) {
            throw new InvalidInputException(file + ": this is not valid YAML: " + e.getMessage() + ".");
        }
    }

    /** {@code part}'s value, or {@code fallback} with its problem noted. */
    protected final <T> T attempt(Supplier<T> part, T fallback) {
        try {
            return part.get();
        } catch (InvalidInputException e) {
            note(e);
            return fallback;
        }
    }

    /** Notes a problem once. */
    public final void note(InvalidInputException problem) {
        if (!problems.contains(problem.getMessage())) {
            problems.add(problem.getMessage());
        }
    }

    /** The keys of {@code m} that are allowed, each once; an unknown or repeated key is noted and left out. */
    protected final Map<String, NodeTuple> fields(MappingNode m, Set<String> allowed) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            attempt(
                    () -> {
                        String key = text(t.getKeyNode(), "a key");
                        if (!allowed.contains(key)) {
                            throw error(
                                    t.getKeyNode(),
                                    "one of " + String.join(", ", new TreeSet<>(allowed)) + ", not '" + key + "'");
                        }
                        if (out.putIfAbsent(key, t) != null) {
                            throw error(t.getKeyNode(), "each key once, but '" + key + "' appears again");
                        }
                        return key;
                    },
                    null);
        }
        return out;
    }

    /** The value of {@code key}, which {@code owner} must have. */
    protected final Node required(Map<String, NodeTuple> fields, String key, Node owner) {
        NodeTuple t = fields.get(key);
        if (t == null) {
            throw error(owner, "a '" + key + "' here");
        }
        return t.getValueNode();
    }

    /** A scalar's text; {@code expected} says what it should have been. */
    protected final String text(Node node, String expected) {
        if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            return s.getValue();
        }
        throw error(node, expected);
    }

    /** "file:line:column: expected ...", at the node's start. */
    protected final InvalidInputException error(Node node, String expected) {
        return new InvalidInputException(where(node.getStartMark()) + ": expected " + expected + ".");
    }

    /** "file:line:column" (both from 1) of a mark, or the file alone without one. */
    protected final String where(Mark m) {
        return m == null ? file : file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
    }
}
