package dev.noesis.experiments.run.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.GenerationOverrides;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An experiment as data: which suites, pipelines, models, generation params and seeds, which items,
 * and the baseline every pipeline is compared against. Read from YAML by {@link ExperimentParser}, or
 * built in code ({@link #builder()}) from a command's flags; both are checked the same way, before
 * anything runs.
 *
 * <p>The axes multiply: every suite × pipeline × model × params set is an arm, and every seed is a
 * repetition of each arm (the statistics cluster repetitions by item). Several models make a model
 * axis (a BF16 and a Q4 copy of one model are a quantization sweep).
 *
 * <p>The baseline is always among the pipelines: when a spec does not list it, it is put first. The
 * experiment's config ({@link #config()}) is this spec as canonical-ready JSON, without
 * {@code parallel}, which changes how fast a run goes but not what it computes, so that a run may be
 * resumed with another degree of parallelism.
 *
 * @param name       a name for reports, or null
 * @param suites     the suites by name (or a user suite's file), at least one
 * @param pipelines  the pipelines by name, the baseline among them
 * @param models     the models (folders, hub ids or URLs), at least one
 * @param params     the generation params axis, at least one set
 * @param seeds      the seeds (repetitions), at least one
 * @param selection  which items of each suite
 * @param baseline   the pipeline every other is compared against ({@value #DEFAULT_BASELINE} by default)
 * @param parallel   items in flight at once, 1 to {@value #MAX_PARALLEL}
 * @param structured whether each suite's final answer is generated under its answer schema
 *                   ({@link dev.noesis.experiments.suite.Suite#answerSchema()}), by constrained decoding
 *                   in process or a validated reply from a server, so that extraction cannot fail on
 *                   the answer's format; part of the config
 * @param adapters   the LoRA adapter axis, empty for none: {@value #BASE_ADAPTER} (always there, first,
 *                   when the axis is), registered adapters by name, {@value #ROUTER_ADAPTER} and
 *                   {@value #ORACLE_ADAPTER}; every pipeline runs on each, and each adapter arm is
 *                   compared with the same pipeline on the base; part of the config only when not empty
 */
public record ExperimentSpec(
        String name,
        List<String> suites,
        List<String> pipelines,
        List<String> models,
        List<ParamSet> params,
        List<Long> seeds,
        ItemSelection selection,
        String baseline,
        int parallel,
        boolean structured,
        List<String> adapters) {

    public static final String DEFAULT_BASELINE = "raw";
    /** The adapter axis's name for the model without any adapter: what every adapter arm is compared with. */
    public static final String BASE_ADAPTER = "base";
    /** The adapter axis's name for the arm whose adapter a router chooses per item. */
    public static final String ROUTER_ADAPTER = "router";
    /** The adapter axis's name for the arm that runs each item on the adapter its suite labels it with. */
    public static final String ORACLE_ADAPTER = "oracle";

    public static final int MAX_PARALLEL = 256;
    public static final int MAX_AXIS = 1_000;
    /** The version of the config's JSON shape, recorded in it. */
    public static final String FORMAT = "noesis-experiment/1";

    private static final ObjectMapper JSON = new ObjectMapper();

    public ExperimentSpec {
        suites = names(suites, "suite");
        models = names(models, "model");
        baseline = baseline == null ? DEFAULT_BASELINE : baseline.strip();
        if (baseline.isEmpty()) {
            throw new InvalidInputException(
                    "The baseline is empty; name a pipeline (default '" + DEFAULT_BASELINE + "').");
        }
        List<String> p = names(pipelines, "pipeline");
        if (!p.contains(baseline)) {
            List<String> withBaseline = new ArrayList<>();
            withBaseline.add(baseline);
            withBaseline.addAll(p);
            p = List.copyOf(withBaseline);
        }
        pipelines = p;
        params = params == null || params.isEmpty() ? List.of(ParamSet.DEFAULTS) : List.copyOf(params);
        if (new HashSet<>(params).size() != params.size()) {
            throw new InvalidInputException("The generation params list the same set twice; each set once.");
        }
        if (params.size() > MAX_AXIS) {
            throw new InvalidInputException(
                    "At most " + MAX_AXIS + " generation param sets, not " + params.size() + ".");
        }
        seeds = seeds == null || seeds.isEmpty()
                ? List.of(dev.noesis.core.model.GenerationParams.DEFAULT_SEED)
                : List.copyOf(seeds);
        if (new HashSet<>(seeds).size() != seeds.size()) {
            throw new InvalidInputException("The seeds " + seeds + " repeat a seed; each seed once.");
        }
        if (seeds.size() > MAX_AXIS) {
            throw new InvalidInputException("At most " + MAX_AXIS + " seeds, not " + seeds.size() + ".");
        }
        selection = selection == null ? ItemSelection.ALL : selection;
        if (parallel < 1 || parallel > MAX_PARALLEL) {
            throw new InvalidInputException("parallel is from 1 to " + MAX_PARALLEL + ", not " + parallel + ".");
        }
        name = name == null || name.isBlank() ? null : name.strip();
        adapters = adapters == null || adapters.isEmpty() ? List.of() : withBase(names(adapters, "adapter"));
    }

    // The base is what each adapter arm is compared with, so an adapter axis always has it, first.
    private static List<String> withBase(List<String> adapters) {
        if (adapters.contains(BASE_ADAPTER)) {
            return adapters;
        }
        List<String> out = new ArrayList<>();
        out.add(BASE_ADAPTER);
        out.addAll(adapters);
        return List.copyOf(out);
    }

    /** Whether the experiment has an adapter axis ({@link #adapters()} not empty). */
    public boolean hasAdapterAxis() {
        return !adapters.isEmpty();
    }

    /** The named (registered) adapters of the axis: all but base, router and oracle. */
    public List<String> namedAdapters() {
        return adapters.stream()
                .filter(a -> !a.equals(BASE_ADAPTER) && !a.equals(ROUTER_ADAPTER) && !a.equals(ORACLE_ADAPTER))
                .toList();
    }

    private static List<String> names(List<String> values, String what) {
        if (values == null || values.isEmpty()) {
            throw new InvalidInputException("An experiment needs at least one " + what + ".");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String v : values) {
            if (v == null || v.isBlank()) {
                throw new InvalidInputException("A " + what + " name is empty.");
            }
            if (!seen.add(v.strip())) {
                throw new InvalidInputException(
                        "The " + what + " '" + v.strip() + "' is listed twice; list each once.");
            }
        }
        if (seen.size() > MAX_AXIS) {
            throw new InvalidInputException("At most " + MAX_AXIS + " " + what + "s, not " + seen.size() + ".");
        }
        return List.copyOf(seen);
    }

    /** A spec of plain (unstructured) answers. */
    public ExperimentSpec(
            String name,
            List<String> suites,
            List<String> pipelines,
            List<String> models,
            List<ParamSet> params,
            List<Long> seeds,
            ItemSelection selection,
            String baseline,
            int parallel) {
        this(name, suites, pipelines, models, params, seeds, selection, baseline, parallel, false, List.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The pipelines compared against the baseline, in the spec's order. */
    public List<String> treatments() {
        return pipelines.stream().filter(p -> !p.equals(baseline)).toList();
    }

    /** The spec as the run's config (see the class comment: everything but {@code parallel}). */
    public ObjectNode config() {
        ObjectNode c = JSON.createObjectNode();
        c.put("format", FORMAT);
        if (name != null) {
            c.put("name", name);
        }
        strings(c.putArray("suites"), suites);
        strings(c.putArray("pipelines"), pipelines);
        strings(c.putArray("models"), models);
        ArrayNode ps = c.putArray("generation");
        params.forEach(p -> ps.add(JSON.valueToTree(p.asMap())));
        ArrayNode s = c.putArray("seeds");
        seeds.forEach(s::add);
        if (selection.limit() != null) {
            c.put("limit", selection.limit());
        }
        if (selection.sampleSeed() != null) {
            c.put("sample_seed", selection.sampleSeed());
        }
        c.put("baseline", baseline);
        // Only when on, so that the config (and hash) of every earlier plain run stays what it was.
        if (structured) {
            c.put("structured", true);
        }
        // Likewise only with an adapter axis.
        if (!adapters.isEmpty()) {
            strings(c.putArray("adapters"), adapters);
        }
        return c;
    }

    /**
     * The spec a config was made from ({@link #config()}; the {@code resolved} part a runner adds is
     * ignored), with {@code parallel} 1. What a report rebuilt from a run folder reads.
     */
    public static ExperimentSpec fromConfig(JsonNode config) {
        if (config == null
                || !config.isObject()
                || !FORMAT.equals(config.path("format").asText())) {
            throw new InvalidInputException("This config is not an experiment of format " + FORMAT + ".");
        }
        Builder b = builder()
                .name(config.hasNonNull("name") ? config.get("name").asText() : null)
                .suites(texts(config.path("suites")))
                .pipelines(texts(config.path("pipelines")))
                .models(texts(config.path("models")))
                .baseline(config.path("baseline").asText(DEFAULT_BASELINE))
                .structured(config.path("structured").asBoolean(false))
                .adapters(texts(config.path("adapters")));
        List<ParamSet> ps = new ArrayList<>();
        for (JsonNode p : config.path("generation")) {
            ps.add(new ParamSet(
                    p.path("max_tokens").asInt(),
                    p.path("temperature").asDouble(),
                    p.path("top_p").asDouble(),
                    texts(p.path("stop"))));
        }
        b.params(ps);
        List<Long> seeds = new ArrayList<>();
        config.path("seeds").forEach(s -> seeds.add(s.asLong()));
        b.seeds(seeds);
        b.selection(new ItemSelection(
                config.hasNonNull("limit") ? config.get("limit").asInt() : null,
                config.hasNonNull("sample_seed") ? config.get("sample_seed").asLong() : null));
        return b.build();
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Builds a spec from parts (a command's flags); {@link #build} checks it like a file. */
    public static final class Builder {
        private String name;
        private List<String> suites = List.of();
        private List<String> pipelines = List.of();
        private List<String> models = List.of();
        private List<ParamSet> params = List.of();
        private List<Long> seeds = List.of();
        private ItemSelection selection = ItemSelection.ALL;
        private String baseline = DEFAULT_BASELINE;
        private int parallel = 1;
        private boolean structured;
        private List<String> adapters = List.of();

        private Builder() {}

        /**
         * The adapter axis: {@value ExperimentSpec#BASE_ADAPTER}, registered adapters' names,
         * {@value ExperimentSpec#ROUTER_ADAPTER}, {@value ExperimentSpec#ORACLE_ADAPTER}; empty for none.
         */
        public Builder adapters(List<String> v) {
            adapters = v;
            return this;
        }

        /** Final answers under each suite's answer schema (see {@link ExperimentSpec#structured()}). */
        public Builder structured(boolean v) {
            structured = v;
            return this;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder suites(List<String> v) {
            suites = v;
            return this;
        }

        public Builder pipelines(List<String> v) {
            pipelines = v;
            return this;
        }

        public Builder models(List<String> v) {
            models = v;
            return this;
        }

        public Builder params(List<ParamSet> v) {
            params = v;
            return this;
        }

        /** One params set: the overrides a command's flags give, over the defaults. */
        public Builder generation(GenerationOverrides overrides) {
            params = List.of(ParamSet.of(overrides));
            return this;
        }

        public Builder seeds(List<Long> v) {
            seeds = v;
            return this;
        }

        public Builder selection(ItemSelection v) {
            selection = v;
            return this;
        }

        public Builder limit(Integer limit) {
            selection = new ItemSelection(limit, selection.sampleSeed());
            return this;
        }

        public Builder sample(int size, long seed) {
            selection = new ItemSelection(size, seed);
            return this;
        }

        public Builder baseline(String v) {
            baseline = v;
            return this;
        }

        public Builder parallel(int v) {
            parallel = v;
            return this;
        }

        public ExperimentSpec build() {
            return new ExperimentSpec(
                    name,
                    suites,
                    pipelines,
                    models,
                    params,
                    seeds,
                    selection,
                    baseline,
                    parallel,
                    structured,
                    adapters);
        }
    }

    /** The name, or a description of the axes when there is none. */
    public String title() {
        return Optional.ofNullable(name).orElse(String.join(",", suites) + ": " + String.join(" vs ", pipelines));
    }
}
