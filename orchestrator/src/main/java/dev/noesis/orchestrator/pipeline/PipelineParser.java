package dev.noesis.orchestrator.pipeline;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.module.ThinkingModule;
import dev.noesis.core.yaml.YamlReading;
import dev.noesis.orchestrator.AdapterChoice;
import dev.noesis.orchestrator.Condition;
import dev.noesis.orchestrator.Pipeline;
import dev.noesis.orchestrator.Position;
import dev.noesis.orchestrator.Step;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a pipeline written in YAML and checks all of it before anything runs: every problem in
 * the file is reported (not only the first), each with the file, line and column, what was
 * expected there, and, for an unknown module, the modules that exist.
 *
 * <pre>
 * name: plan-solve
 * description: Plan first, then answer with the plan in view.
 * model: default        # optional: the run's model, or a model reference to run on
 * adapter: legal        # optional: the LoRA adapter of every model call (base: the base model)
 * steps:
 *   - adapter-router: { strategy: embedding, threshold: 0.3, fallback: base }
 *   - planner: { maxSteps: 4 }
 *     adapter: base      # this step on the base model, whatever the run's adapter
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
 * A step's {@code adapter} holds for its own model calls (on a control form: for every step
 * inside it that names none). Whether a named adapter is registered is checked when the pipeline
 * is run on a model ({@link dev.noesis.orchestrator.AdapterModels#check}), not here.
 *
 * <p>The YAML is read as a tree of nodes (never into arbitrary objects), with limits on size,
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

    /**
     * Reads a pipeline file.
     *
     * @throws InvalidPipelineException with every problem the file has
     * @throws InvalidInputException    when the file does not exist or is not UTF-8 text
     */
    public Pipeline parse(Path file) {
        return parse(file.toString(), TextFile.read(file, "pipeline file", MAX_BYTES));
    }

    /**
     * Reads a pipeline from text; {@code file} names it in messages.
     *
     * @throws InvalidPipelineException with every problem the text has
     */
    public Pipeline parse(String file, String text) {
        Reading reading = new Reading(file);
        Pipeline p;
        try {
            p = reading.pipeline(text);
        } catch (InvalidInputException e) {
            reading.problems().add(e.getMessage());
            p = null;
        }
        if (!reading.problems().isEmpty()) {
            throw new InvalidPipelineException(reading.problems());
        }
        return p;
    }

    /**
     * One file being read: knows its name, for positions, and gathers its problems. A part that
     * is wrong is noted and left out, and reading goes on, so one check reports them all.
     */
    private final class Reading extends YamlReading {

        Reading(String file) {
            super(file);
        }

        /** Returns a pipeline when nothing was wrong; with problems noted, the result is not used. */
        Pipeline pipeline(String text) {
            Node root = compose(text, 40, MAX_BYTES);
            if (root == null) {
                throw new InvalidInputException(file + ": the file is empty; a pipeline needs a name and steps.");
            }
            MappingNode top = mapping(root, "a mapping with name, description and steps");
            Map<String, NodeTuple> fields = fields(top, Set.of("name", "description", "model", "adapter", "steps"));
            String name = attempt(() -> text(required(fields, "name", top), "the pipeline's name"), "?");
            String description = fields.containsKey("description")
                    ? attempt(() -> text(fields.get("description").getValueNode(), "a description"), "")
                    : "";
            Optional<String> model = fields.containsKey("model")
                    ? attempt(() -> model(fields.get("model").getValueNode()), Optional.empty())
                    : Optional.empty();
            Optional<AdapterChoice> adapter = fields.containsKey("adapter")
                    ? attempt(() -> Optional.of(adapter(fields.get("adapter").getValueNode())), Optional.empty())
                    : Optional.empty();
            List<Step> steps = attempt(() -> steps(required(fields, "steps", top), 0), List.of());
            return problems().isEmpty() ? new Pipeline(name, description, steps, model, adapter) : null;
        }

        /** An adapter's name (or {@code base}), with where it is written. */
        private AdapterChoice adapter(Node node) {
            String name = node instanceof ScalarNode s && s.getTag().equals(Tag.STR)
                    ? s.getValue().strip()
                    : "";
            if (name.isEmpty()) {
                throw error(node, "an adapter's name as registered (noesis adapters list), or base for the base model");
            }
            return new AdapterChoice(name, position(node.getStartMark()));
        }

        /** {@code default} (the run's model) as empty, else the model reference as written. */
        private Optional<String> model(Node node) {
            String model = node instanceof ScalarNode s && s.getTag().equals(Tag.STR)
                    ? s.getValue().strip()
                    : null;
            if (model == null || model.isEmpty()) {
                throw error(
                        node,
                        "a model: 'default' for the run's model, or a model reference (a folder or a hub id) as text");
            }
            return model.equals("default") ? Optional.empty() : Optional.of(model);
        }

        private List<Step> steps(Node node, int depth) {
            if (depth > MAX_DEPTH) {
                throw error(node, "steps nested at most " + MAX_DEPTH + " deep; these are nested " + depth + " deep");
            }
            if (!(node instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                throw error(node, "a list of steps (each \"- module: {settings}\"), with at least one step");
            }
            List<Step> out = new ArrayList<>();
            for (Node item : seq.getValue()) {
                Step step = attempt(() -> step(item, depth), null);
                if (step != null) {
                    out.add(step);
                }
            }
            return out;
        }

        private Step step(Node node, int depth) {
            MappingNode m = mapping(node, "a step: one module or control form, e.g. \"- generator: {}\"");
            List<NodeTuple> keys = new ArrayList<>();
            NodeTuple adapterKey = null;
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("adapter") && adapterKey == null) {
                    adapterKey = t;
                } else {
                    keys.add(t);
                }
            }
            if (keys.size() != 1) {
                throw error(
                        node,
                        "one module or control form per step, found " + keys.size()
                                + " keys besides its adapter (put each on its own \"- \" line)");
            }
            NodeTuple only = keys.get(0);
            Step step = step(only, depth);
            if (adapterKey == null || step == null) {
                return step;
            }
            AdapterChoice adapter = adapter(adapterKey.getValueNode());
            return onAdapter(step, adapter);
        }

        /** {@code step} with {@code adapter}, pushed down to every step inside a control form that names none. */
        private Step onAdapter(Step step, AdapterChoice adapter) {
            return switch (step) {
                case Step.Apply a ->
                    a.adapter().isPresent() ? a : new Step.Apply(a.module(), a.at(), Optional.of(adapter));
                case Step.Repeat r -> new Step.Repeat(r.max(), r.until(), onAdapter(r.steps(), adapter), r.at());
                case Step.Fanout f ->
                    new Step.Fanout(f.n(), onAdapter(f.steps(), adapter), f.select(), f.temperature(), f.at());
                case Step.When w -> new Step.When(w.condition(), onAdapter(w.steps(), adapter), w.at());
            };
        }

        private List<Step> onAdapter(List<Step> steps, AdapterChoice adapter) {
            return steps.stream().map(s -> onAdapter(s, adapter)).toList();
        }

        private Step step(NodeTuple only, int depth) {
            String key = text(only.getKeyNode(), "a module name");
            Node value = only.getValueNode();
            Position at = position(only.getKeyNode().getStartMark());
            return switch (key) {
                case "repeat" -> repeat(value, at, depth);
                case "fanout" -> fanout(value, at, depth);
                case "when" -> when(value, at, depth);
                default -> {
                    ThinkingModule module = module(key, only.getKeyNode(), value);
                    yield module == null ? null : new Step.Apply(module, at);
                }
            };
        }

        private Step repeat(Node value, Position at, int depth) {
            Map<String, NodeTuple> f =
                    fields(mapping(value, "repeat's settings: max, until, steps"), Set.of("max", "until", "steps"));
            int max = f.containsKey("max") ? attempt(() -> integer(f.get("max").getValueNode(), 1, MAX_REPEAT), 3) : 3;
            Condition until = f.containsKey("until")
                    ? attempt(() -> condition(f.get("until").getValueNode()), null)
                    : null;
            List<Step> steps = attempt(() -> steps(required(f, "steps", value), depth + 1), List.of());
            return new Step.Repeat(max, until, steps, at);
        }

        private Step fanout(Node value, Position at, int depth) {
            Map<String, NodeTuple> f = fields(
                    mapping(value, "fanout's settings: n, select, temperature, steps"),
                    Set.of("n", "select", "temperature", "steps"));
            int n = f.containsKey("n") ? attempt(() -> integer(f.get("n").getValueNode(), 2, MAX_FANOUT), 5) : 5;
            double temperature = f.containsKey("temperature")
                    ? attempt(() -> number(f.get("temperature").getValueNode(), 0.0, 10.0), 0.7)
                    : 0.7;
            ThinkingModule select = f.containsKey("select")
                    ? attempt(() -> selector(f.get("select").getValueNode()), null)
                    : registry.create("selector", Map.of("by", "majority"));
            List<Step> steps = attempt(() -> steps(required(f, "steps", value), depth + 1), List.of());
            return new Step.Fanout(n, steps, select, temperature, at);
        }

        /** fanout's select: the selector to run, or null for none. */
        private ThinkingModule selector(Node s) {
            String by = text(s, "majority, critic, validator or none");
            if (by.equals("none")) {
                return null;
            }
            if (!Set.of("majority", "critic", "validator").contains(by)) {
                throw error(s, "majority, critic, validator or none, not '" + by + "'");
            }
            return registry.create("selector", Map.of("by", by));
        }

        private Step when(Node value, Position at, int depth) {
            Map<String, NodeTuple> f =
                    fields(mapping(value, "when's settings: condition, steps"), Set.of("condition", "steps"));
            Condition c = attempt(() -> condition(required(f, "condition", value)), null);
            List<Step> steps = attempt(() -> steps(required(f, "steps", value), depth + 1), List.of());
            return new Step.When(c, steps, at);
        }

        /** The module, or null when its problems have been noted. */
        private ThinkingModule module(String name, Node keyNode, Node value) {
            if (registry.factory(name).isEmpty()) {
                throw error(
                        keyNode,
                        "a module or control form, not '" + name + "'. Modules: " + String.join(", ", registry.names())
                                + "; control forms: fanout, repeat, when");
            }
            Map<String, Object> config = new LinkedHashMap<>();
            Map<String, Node> settingNodes = new LinkedHashMap<>();
            if (!(value instanceof ScalarNode s && s.getTag().equals(Tag.NULL))) {
                MappingNode m = mapping(value, "the settings of " + name + " as a mapping (use {} for none)");
                boolean duplicated = false;
                for (NodeTuple t : m.getValue()) {
                    String key = text(t.getKeyNode(), "a setting name");
                    if (config.containsKey(key)) {
                        note(error(t.getKeyNode(), "each setting once, but '" + key + "' appears again"));
                        duplicated = true;
                        continue;
                    }
                    config.put(key, plain(t.getValueNode()));
                    settingNodes.put(key, t.getKeyNode());
                }
                if (duplicated) {
                    return null; // which of the two was meant is not known: the module is not made
                }
            }
            try {
                return registry.create(name, config);
            } catch (ModuleRegistry.SettingException e) {
                Node where = e.setting() != null && settingNodes.containsKey(e.setting())
                        ? settingNodes.get(e.setting())
                        : keyNode;
                throw new InvalidInputException(position(where.getStartMark()) + ": " + e.getMessage() + ".");
            }
        }

        private Condition condition(Node node) {
            String text = text(node, "a condition, e.g. critic.accepted or \"evidence.count > 0\"");
            Position at = position(node.getStartMark());
            boolean quoted = node instanceof ScalarNode s
                    && s.getScalarStyle() != org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN;
            return Condition.parse(
                    text, quoted ? new Position(at.file(), at.line(), at.column() + 1) : at, registry.conditions());
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
            if (node instanceof ScalarNode s
                    && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
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

        private Position position(Mark m) {
            return m == null ? new Position(file, 0, 0) : new Position(file, m.getLine() + 1, m.getColumn() + 1);
        }
    }
}
