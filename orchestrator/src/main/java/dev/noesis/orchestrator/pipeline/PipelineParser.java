package dev.noesis.orchestrator.pipeline;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.module.ThinkingModule;
import dev.noesis.orchestrator.Condition;
import dev.noesis.orchestrator.Pipeline;
import dev.noesis.orchestrator.Position;
import dev.noesis.orchestrator.Step;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Reads a pipeline written in YAML and checks all of it before anything runs: every problem is
 * reported with the file, line and column, what was expected there, and, for an unknown module,
 * the modules that exist.
 *
 * <pre>
 * name: plan-solve
 * description: Plan first, then answer with the plan in view.
 * steps:
 *   - planner: { maxSteps: 4 }
 *   - repeat:
 *       max: 3
 *       until: critic.accepted
 *       steps:
 *         - generator: {}
 *         - critic: {}
 *   - fanout: { n: 5, select: majority, steps: [ { generator: {} } ] }
 *   - when: { condition: "evidence.count > 0", steps: [ { reasoning-injector: {} } ] }
 * </pre>
 *
 * The YAML is read as a tree of nodes (never into arbitrary objects), with limits on size,
 * nesting and aliases, so a pipeline file cannot be used to exhaust memory.
 */
public final class PipelineParser {

    static final int MAX_BYTES = 1 << 20;
    static final int MAX_REPEAT = 100;
    static final int MAX_FANOUT = 32;
    static final int MAX_DEPTH = 8;
    static final Set<String> CONTROL = Set.of("repeat", "fanout", "when");

    private final ModuleRegistry registry;

    public PipelineParser(ModuleRegistry registry) {
        this.registry = registry;
    }

    /** Reads a pipeline file. */
    public Pipeline parse(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidInputException(file + " is larger than " + MAX_BYTES + " bytes; a pipeline is a short file.");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the pipeline " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    /** Reads a pipeline from text; {@code file} names it in messages. */
    public Pipeline parse(String file, String text) {
        return new Reading(file).pipeline(new StringReader(text));
    }

    /** One file being read: knows its name, for positions. */
    private final class Reading {
        private final String file;

        Reading(String file) {
            this.file = file;
        }

        Pipeline pipeline(Reader reader) {
            Node root;
            try {
                LoaderOptions options = new LoaderOptions();
                options.setMaxAliasesForCollections(10);
                options.setNestingDepthLimit(40);
                options.setCodePointLimit(MAX_BYTES);
                root = new Yaml(options).compose(reader);
            } catch (MarkedYAMLException e) {
                Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                throw new InvalidInputException(position(m) + ": this is not valid YAML: " + e.getProblem() + ".");
            } catch (YAMLException e) {
                throw new InvalidInputException(file + ": this is not valid YAML: " + e.getMessage() + ".");
            }
            if (root == null) {
                throw new InvalidInputException(file + ": the file is empty; a pipeline needs a name and steps.");
            }
            MappingNode top = mapping(root, "a mapping with name, description and steps");
            Map<String, NodeTuple> fields = fields(top, Set.of("name", "description", "steps"));
            String name = text(required(fields, "name", top), "the pipeline's name");
            String description = fields.containsKey("description") ? text(fields.get("description").getValueNode(), "a description") : "";
            Node steps = required(fields, "steps", top);
            return new Pipeline(name, description, steps(steps, 0));
        }

        private List<Step> steps(Node node, int depth) {
            if (depth > MAX_DEPTH) {
                throw error(node, "steps nested more than " + MAX_DEPTH + " deep");
            }
            if (!(node instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                throw error(node, "a list of steps (each \"- module: {settings}\"), with at least one step");
            }
            List<Step> out = new ArrayList<>();
            for (Node item : seq.getValue()) {
                out.add(step(item, depth));
            }
            return out;
        }

        private Step step(Node node, int depth) {
            MappingNode m = mapping(node, "a step: one module or control form, e.g. \"- generator: {}\"");
            if (m.getValue().size() != 1) {
                throw error(node, "one module or control form per step, found " + m.getValue().size()
                        + " keys (put each on its own \"- \" line)");
            }
            NodeTuple only = m.getValue().get(0);
            String key = text(only.getKeyNode(), "a module name");
            Node value = only.getValueNode();
            Position at = position(only.getKeyNode().getStartMark());
            return switch (key) {
                case "repeat" -> repeat(value, at, depth);
                case "fanout" -> fanout(value, at, depth);
                case "when" -> when(value, at, depth);
                default -> new Step.Apply(module(key, only.getKeyNode(), value), at);
            };
        }

        private Step repeat(Node value, Position at, int depth) {
            Map<String, NodeTuple> f = fields(mapping(value, "repeat's settings: max, until, steps"), Set.of("max", "until", "steps"));
            int max = f.containsKey("max") ? integer(f.get("max").getValueNode(), 1, MAX_REPEAT) : 3;
            Condition until = f.containsKey("until") ? condition(f.get("until").getValueNode()) : null;
            return new Step.Repeat(max, until, steps(required(f, "steps", value), depth + 1), at);
        }

        private Step fanout(Node value, Position at, int depth) {
            Map<String, NodeTuple> f = fields(mapping(value, "fanout's settings: n, select, temperature, steps"),
                    Set.of("n", "select", "temperature", "steps"));
            int n = f.containsKey("n") ? integer(f.get("n").getValueNode(), 2, MAX_FANOUT) : 5;
            double temperature = 0.7;
            if (f.containsKey("temperature")) {
                temperature = number(f.get("temperature").getValueNode(), 0.0, 10.0);
            }
            ThinkingModule select = null;
            if (f.containsKey("select")) {
                Node s = f.get("select").getValueNode();
                String by = text(s, "majority, critic, validator or none");
                if (!by.equals("none")) {
                    if (!Set.of("majority", "critic", "validator").contains(by)) {
                        throw error(s, "majority, critic, validator or none, not '" + by + "'");
                    }
                    select = registry.create("selector", Map.of("by", by));
                }
            } else {
                select = registry.create("selector", Map.of("by", "majority"));
            }
            return new Step.Fanout(n, steps(required(f, "steps", value), depth + 1), select, temperature, at);
        }

        private Step when(Node value, Position at, int depth) {
            Map<String, NodeTuple> f = fields(mapping(value, "when's settings: condition, steps"), Set.of("condition", "steps"));
            Condition c = condition(required(f, "condition", value));
            return new Step.When(c, steps(required(f, "steps", value), depth + 1), at);
        }

        private ThinkingModule module(String name, Node keyNode, Node value) {
            if (registry.factory(name).isEmpty()) {
                throw error(keyNode, "a module or control form, not '" + name + "'. Modules: " + String.join(", ", registry.names())
                        + "; control forms: fanout, repeat, when");
            }
            Map<String, Object> config = new LinkedHashMap<>();
            Map<String, Node> settingNodes = new LinkedHashMap<>();
            if (!(value instanceof ScalarNode s && s.getTag().equals(Tag.NULL))) {
                MappingNode m = mapping(value, "the settings of " + name + " as a mapping (use {} for none)");
                for (NodeTuple t : m.getValue()) {
                    String key = text(t.getKeyNode(), "a setting name");
                    if (config.containsKey(key)) {
                        throw error(t.getKeyNode(), "each setting once, but '" + key + "' appears again");
                    }
                    config.put(key, plain(t.getValueNode()));
                    settingNodes.put(key, t.getKeyNode());
                }
            }
            try {
                return registry.create(name, config);
            } catch (ModuleRegistry.SettingException e) {
                Node where = e.setting() != null && settingNodes.containsKey(e.setting()) ? settingNodes.get(e.setting()) : keyNode;
                throw new InvalidInputException(position(where.getStartMark()) + ": " + e.getMessage() + ".");
            }
        }

        private Condition condition(Node node) {
            String text = text(node, "a condition, e.g. critic.accepted or \"evidence.count > 0\"");
            Position at = position(node.getStartMark());
            boolean quoted = node instanceof ScalarNode s && s.getScalarStyle() != org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN;
            return Condition.parse(text, quoted ? new Position(at.file(), at.line(), at.column() + 1) : at, registry.conditions());
        }

        /** The node as plain Java values (maps, lists, strings, numbers, booleans, null), for config records. */
        private Object plain(Node node) {
            if (node instanceof MappingNode m) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (NodeTuple t : m.getValue()) {
                    out.put(text(t.getKeyNode(), "a key"), plain(t.getValueNode()));
                }
                return out;
            }
            if (node instanceof SequenceNode s) {
                List<Object> out = new ArrayList<>();
                for (Node n : s.getValue()) {
                    out.add(plain(n));
                }
                return out;
            }
            ScalarNode s = (ScalarNode) node;
            String v = s.getValue();
            Tag tag = s.getTag();
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT));
            }
            if (tag.equals(Tag.INT)) {
                try {
                    return Long.parseLong(v.replace("_", ""));
                } catch (NumberFormatException e) {
                    return v;
                }
            }
            if (tag.equals(Tag.FLOAT)) {
                try {
                    return Double.parseDouble(v.replace("_", ""));
                } catch (NumberFormatException e) {
                    return v;
                }
            }
            return v;
        }

        private MappingNode mapping(Node node, String expected) {
            if (node instanceof MappingNode m) {
                return m;
            }
            throw error(node, expected);
        }

        private Map<String, NodeTuple> fields(MappingNode m, Set<String> allowed) {
            Map<String, NodeTuple> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                String key = text(t.getKeyNode(), "a key");
                if (!allowed.contains(key)) {
                    throw error(t.getKeyNode(), "one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + ", not '" + key + "'");
                }
                if (out.put(key, t) != null) {
                    throw error(t.getKeyNode(), "each key once, but '" + key + "' appears again");
                }
            }
            return out;
        }

        private Node required(Map<String, NodeTuple> fields, String key, Node owner) {
            NodeTuple t = fields.get(key);
            if (t == null) {
                throw error(owner, "a '" + key + "' here");
            }
            return t.getValueNode();
        }

        private String text(Node node, String expected) {
            if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
                return s.getValue();
            }
            throw error(node, expected);
        }

        private int integer(Node node, int min, int max) {
            if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
                try {
                    int v = Integer.parseInt(s.getValue());
                    if (v >= min && v <= max) {
                        return v;
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
            throw error(node, "a whole number from " + min + " to " + max);
        }

        private double number(Node node, double min, double max) {
            if (node instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
                try {
                    double v = Double.parseDouble(s.getValue());
                    if (v >= min && v <= max) {
                        return v;
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
            throw error(node, "a number from " + min + " to " + max);
        }

        private InvalidInputException error(Node node, String expected) {
            return new InvalidInputException(position(node.getStartMark()) + ": expected " + expected + ".");
        }

        private Position position(Mark m) {
            return m == null ? new Position(file, 0, 0) : new Position(file, m.getLine() + 1, m.getColumn() + 1);
        }
    }
}
