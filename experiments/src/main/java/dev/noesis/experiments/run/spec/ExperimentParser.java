package dev.noesis.experiments.run.spec;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.GenerationOverrides;
import dev.noesis.core.yaml.YamlReading;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads an experiment written in YAML and checks all of it before anything runs: every problem is
 * reported (not only the first), each with the file, line and column and what was expected there.
 *
 * <pre>
 * name: gsm8k-sweep                 # optional; part of the config
 * description: free text            # optional; not part of the config (editing it keeps a run resumable)
 * suites: [gsm8k]                   # a name or a list; a user suite by its file
 * pipelines: [raw, self-consistency, critique-refine]
 * models: [models/tiny-bf16, models/tiny-q4]   # several: a model axis
 * generation:                       # one mapping, or a list of them: a params axis
 *   max_tokens: 256
 *   temperature: 0
 *   top_p: 1
 *   stop: ["\n\n"]
 * seeds: [1, 2, 3]                  # several: repeated runs (default 42)
 * limit: 200                        # the first 200 items of each suite ...
 * sample_seed: 7                    # ... or, with a seed, a random sample of 200
 * baseline: raw                     # the default
 * parallel: 4                       # items in flight (1 for an in-process model)
 * adapters: [base, math, router, oracle]   # optional: a LoRA adapter axis (base is always in it)
 * </pre>
 *
 * The YAML is read as a tree of nodes (never into arbitrary objects), with limits on size, nesting
 * and aliases, as pipeline files are.
 */
public final class ExperimentParser {

    static final int MAX_BYTES = 1 << 20;
    static final Set<String> KEYS = Set.of(
            "name",
            "description",
            "suites",
            "pipelines",
            "models",
            "generation",
            "seeds",
            "limit",
            "sample_seed",
            "baseline",
            "parallel",
            "structured",
            "adapters");
    static final Set<String> GENERATION_KEYS = Set.of("max_tokens", "temperature", "top_p", "stop");

    /**
     * Reads an experiment file.
     *
     * @throws InvalidExperimentException with every problem the file has
     * @throws InvalidInputException      when the file does not exist, is too large or is not UTF-8 text
     */
    public ExperimentSpec parse(Path file) {
        return parse(file.toString(), read(file));
    }

    /**
     * Reads an experiment from text; {@code file} names it in messages.
     *
     * @throws InvalidExperimentException with every problem the text has
     */
    public ExperimentSpec parse(String file, String text) {
        Reading reading = new Reading(file);
        ExperimentSpec spec;
        try {
            spec = reading.experiment(text);
        } catch (InvalidInputException e) {
            reading.note(e);
            spec = null;
        }
        if (!reading.problems().isEmpty()) {
            List<String> sorted = new ArrayList<>(reading.problems());
            sorted.sort(Comparator.comparingLong(p -> position(file, p)));
            throw new InvalidExperimentException(sorted);
        }
        return spec;
    }

    /** A problem's line and column as one number, for the file's order; problems without one come first. */
    private static long position(String file, String problem) {
        if (!problem.startsWith(file + ":")) {
            return 0;
        }
        String[] parts = problem.substring(file.length() + 1).split(":", 3);
        try {
            return Long.parseLong(parts[0]) * 100_000 + (parts.length > 2 ? Long.parseLong(parts[1]) : 0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("The experiment file " + file + " does not exist or is not a file.");
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidInputException(
                        "The experiment file " + file + " is larger than " + MAX_BYTES + " bytes; it should be short.");
            }
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("The experiment file " + file + " is not UTF-8 text.");
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the experiment file " + file + ": " + e.getMessage() + ".", e);
        }
    }

    /** One file being read: a part that is wrong is noted and left out, and reading goes on. */
    private static final class Reading extends YamlReading {

        Reading(String file) {
            super(file);
        }

        ExperimentSpec experiment(String text) {
            Node root = compose(text, 20, MAX_BYTES);
            if (root == null) {
                throw new InvalidInputException(
                        file + ": the file is empty; an experiment needs at least suites, pipelines and models.");
            }
            if (!(root instanceof MappingNode top)) {
                throw error(root, "a mapping with suites, pipelines, models and the other experiment settings");
            }
            Map<String, NodeTuple> f = fields(top, KEYS);
            ExperimentSpec.Builder b = ExperimentSpec.builder();
            if (f.containsKey("name")) {
                b.name(attempt(() -> text(f.get("name").getValueNode(), "the experiment's name as text"), null));
            }
            if (f.containsKey("description")) {
                attempt(() -> text(f.get("description").getValueNode(), "a description as text"), null);
            }
            b.suites(attempt(() -> names(required(f, "suites", top), "suite"), List.of()));
            b.pipelines(attempt(() -> names(required(f, "pipelines", top), "pipeline"), List.of()));
            b.models(attempt(() -> names(required(f, "models", top), "model"), List.of()));
            if (f.containsKey("generation")) {
                b.params(attempt(() -> generation(f.get("generation").getValueNode()), List.of()));
            }
            if (f.containsKey("seeds")) {
                b.seeds(attempt(() -> seeds(f.get("seeds").getValueNode()), List.of()));
            }
            Integer limit = f.containsKey("limit")
                    ? attempt(() -> (int) integer(f.get("limit").getValueNode(), 1, Integer.MAX_VALUE), null)
                    : null;
            Long sampleSeed = f.containsKey("sample_seed")
                    ? attempt(() -> integer(f.get("sample_seed").getValueNode(), Long.MIN_VALUE, Long.MAX_VALUE), null)
                    : null;
            if (sampleSeed != null && limit == null && !f.containsKey("limit")) {
                note(error(f.get("sample_seed").getKeyNode(), "a limit beside sample_seed: the sample's size"));
            } else if (problems().isEmpty()) {
                b.selection(new ItemSelection(limit, sampleSeed));
            }
            if (f.containsKey("baseline")) {
                b.baseline(attempt(() -> text(f.get("baseline").getValueNode(), "the baseline pipeline's name"), null));
            }
            if (f.containsKey("parallel")) {
                b.parallel(attempt(
                        () -> (int) integer(f.get("parallel").getValueNode(), 1, ExperimentSpec.MAX_PARALLEL), 1));
            }
            if (f.containsKey("structured")) {
                b.structured(attempt(() -> bool(f.get("structured").getValueNode()), false));
            }
            if (f.containsKey("adapters")) {
                b.adapters(attempt(() -> names(f.get("adapters").getValueNode(), "adapter"), List.of()));
            }
            if (!problems().isEmpty()) {
                return null;
            }
            try {
                return b.build();
            } catch (InvalidInputException e) {
                throw new InvalidInputException(where(top.getStartMark()) + ": " + e.getMessage());
            }
        }

        /** A name or a list of names, each once. */
        private List<String> names(Node node, String what) {
            List<Node> items = node instanceof SequenceNode s ? s.getValue() : List.of(node);
            if (items.isEmpty()) {
                throw error(node, "at least one " + what);
            }
            List<String> out = new ArrayList<>();
            for (Node item : items) {
                String name = attempt(() -> text(item, "a " + what + " name as text"), null);
                if (name == null) {
                    continue;
                }
                if (name.isBlank()) {
                    note(error(item, "a " + what + " name, not an empty text"));
                } else if (out.contains(name.strip())) {
                    note(error(item, "each " + what + " once, but '" + name.strip() + "' appears again"));
                } else {
                    out.add(name.strip());
                }
            }
            return out;
        }

        private List<ParamSet> generation(Node node) {
            List<Node> sets = node instanceof SequenceNode s ? s.getValue() : List.of(node);
            if (sets.isEmpty()) {
                throw error(node, "at least one set of generation params");
            }
            List<ParamSet> out = new ArrayList<>();
            for (Node set : sets) {
                ParamSet p = attempt(() -> paramSet(set), null);
                if (p != null) {
                    if (out.contains(p)) {
                        note(error(set, "each set of generation params once, but this one appears again"));
                    } else {
                        out.add(p);
                    }
                }
            }
            return out;
        }

        private ParamSet paramSet(Node node) {
            if (!(node instanceof MappingNode m)) {
                throw error(
                        node, "generation params as a mapping of " + String.join(", ", new TreeSet<>(GENERATION_KEYS)));
            }
            Map<String, NodeTuple> f = fields(m, GENERATION_KEYS);
            GenerationOverrides o = GenerationOverrides.NONE;
            if (f.containsKey("max_tokens")) {
                Long v = attempt(() -> integer(f.get("max_tokens").getValueNode(), 1, 1_000_000), null);
                o = v == null ? o : o.withMaxNewTokens(v.intValue());
            }
            if (f.containsKey("temperature")) {
                Double v = attempt(() -> number(f.get("temperature").getValueNode(), 0.0, 10.0, false), null);
                o = v == null ? o : o.withTemperature(v);
            }
            if (f.containsKey("top_p")) {
                Double v = attempt(() -> number(f.get("top_p").getValueNode(), 0.0, 1.0, true), null);
                o = v == null ? o : o.withTopP(v);
            }
            if (f.containsKey("stop")) {
                List<String> v = attempt(() -> stops(f.get("stop").getValueNode()), null);
                o = v == null ? o : o.withStopSequences(v);
            }
            try {
                return ParamSet.of(o);
            } catch (InvalidInputException e) {
                // GenerationParams's own check: said at the set's position.
                throw new InvalidInputException(where(node.getStartMark()) + ": " + e.getMessage());
            }
        }

        private List<String> stops(Node node) {
            List<Node> items = node instanceof SequenceNode s ? s.getValue() : List.of(node);
            List<String> out = new ArrayList<>();
            for (Node item : items) {
                String s = text(item, "a stop sequence as text");
                if (s.isEmpty()) {
                    throw error(item, "a stop sequence that is not empty");
                }
                out.add(s);
            }
            return out;
        }

        private List<Long> seeds(Node node) {
            List<Node> items = node instanceof SequenceNode s ? s.getValue() : List.of(node);
            if (items.isEmpty()) {
                throw error(node, "at least one seed");
            }
            List<Long> out = new ArrayList<>();
            for (Node item : items) {
                Long seed = attempt(() -> integer(item, Long.MIN_VALUE, Long.MAX_VALUE), null);
                if (seed != null) {
                    if (out.contains(seed)) {
                        note(error(item, "each seed once, but " + seed + " appears again"));
                    } else {
                        out.add(seed);
                    }
                }
            }
            return out;
        }

        private boolean bool(Node node) {
            if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
                // YAML 1.1, as SnakeYAML reads it: yes/no and on/off are booleans too.
                return Set.of("true", "yes", "y", "on")
                        .contains(s.getValue().strip().toLowerCase(java.util.Locale.ROOT));
            }
            throw error(node, "true or false, not '" + shown(node) + "'");
        }

        private long integer(Node node, long min, long max) {
            if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
                try {
                    long v = Long.parseLong(s.getValue().replace("_", ""));
                    if (v >= min && v <= max) {
                        return v;
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
            String range = min == Long.MIN_VALUE
                    ? ""
                    : max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                            ? " of at least " + min
                            : " from " + min + " to " + max;
            throw error(node, "a whole number" + range + ", not '" + shown(node) + "'");
        }

        private double number(Node node, double min, double max, boolean exclusiveMin) {
            if (node instanceof ScalarNode s
                    && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
                try {
                    double v = Double.parseDouble(s.getValue().replace("_", ""));
                    if ((exclusiveMin ? v > min : v >= min) && v <= max) {
                        return v;
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
            throw error(
                    node,
                    "a number " + (exclusiveMin ? "above " + min + " and up to " : "from " + min + " to ") + max
                            + ", not '" + shown(node) + "'");
        }

        private String shown(Node node) {
            return node instanceof ScalarNode s
                    ? s.getValue()
                    : node.getNodeId().name();
        }
    }
}
