package dev.noesis.experiments.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.experiments.log.CanonicalJson;
import dev.noesis.experiments.log.ModelIdentity;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import dev.noesis.experiments.run.spec.ParamSet;
import dev.noesis.experiments.stats.DetectableEffect;
import dev.noesis.experiments.suite.RetrievalSuite;
import dev.noesis.experiments.suite.Suite;
import dev.noesis.experiments.suite.SuiteItem;
import dev.noesis.experiments.suite.SuiteSetup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * An experiment expanded against its suites, before anything runs: the arms (suite × pipeline × model
 * × params, in that order of nesting), the items each suite contributes, how many item runs that makes
 * with the seeds, and the minimum detectable effect of that many items, which a command prints before
 * the run starts so that a user sees when a run is too small to tell.
 */
public final class ExperimentPlan {

    /**
     * The disagreement rate assumed before a run has measured one: pipelines of one model often differ
     * on 10–30% of items; 0.2 is a middle guess, and the report gives the measured one.
     */
    public static final double ASSUMED_DISAGREEMENT = 0.2;

    /** The item metadata field that labels an item with its adapter (the oracle's choice). */
    public static final String ADAPTER_LABEL = "adapter";
    /** Where the config's {@code resolved.suites.NAME} holds each labelled item's adapter, by item id. */
    public static final String ADAPTER_LABELS = "adapter_labels";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The adapter an item is labelled with ({@value #ADAPTER_LABEL} in its metadata), if any. */
    public static Optional<String> oracleAdapter(SuiteItem item) {
        String label = item.metadata() == null ? null : item.metadata().get(ADAPTER_LABEL);
        return label == null || label.isBlank() ? Optional.empty() : Optional.of(label.strip());
    }

    private final ExperimentSpec spec;
    private final Map<String, Suite> suites;
    private final Map<String, List<SuiteItem>> items;
    private final List<ArmSpec> arms;

    private ExperimentPlan(
            ExperimentSpec spec, Map<String, Suite> suites, Map<String, List<SuiteItem>> items, List<ArmSpec> arms) {
        this.spec = spec;
        this.suites = suites;
        this.items = items;
        this.arms = arms;
    }

    /**
     * Expands {@code spec}.
     *
     * @param suites the suites by the names the spec uses
     * @throws InvalidInputException when the spec names a suite not given, or a suite has no items or
     *                               an item id twice
     */
    public static ExperimentPlan of(ExperimentSpec spec, Map<String, ? extends Suite> suites) {
        Map<String, Suite> chosen = new LinkedHashMap<>();
        Map<String, List<SuiteItem>> items = new LinkedHashMap<>();
        for (String name : spec.suites()) {
            Suite suite = suites.get(name);
            if (suite == null) {
                throw new InvalidInputException("There is no suite '" + name + "'. Suites: "
                        + String.join(", ", new TreeSet<>(suites.keySet())) + ".");
            }
            List<SuiteItem> all = suite.items();
            if (all.isEmpty()) {
                throw new InvalidInputException("The suite '" + name + "' has no items.");
            }
            if (suite.metrics().isEmpty()) {
                throw new InvalidInputException("The suite '" + name + "' names no metric.");
            }
            TreeSet<String> ids = new TreeSet<>();
            for (SuiteItem item : all) {
                if (!ids.add(item.id())) {
                    throw new InvalidInputException(
                            "The suite '" + name + "' has the item id '" + item.id() + "' twice; ids are unique.");
                }
            }
            if (suite instanceof RetrievalSuite r) {
                for (String pipeline : spec.pipelines()) {
                    if (!r.configs().contains(pipeline)) {
                        throw new InvalidInputException("The suite '" + name + "' compares retrieval configurations ("
                                + String.join(", ", r.configs()) + "), and '" + pipeline + "' is not one; run it in"
                                + " an experiment of its own whose pipelines are among them, with a baseline such as '"
                                + r.baselineConfig() + "'.");
                    }
                }
            }
            if (spec.structured() && suite.answerSchema().isEmpty()) {
                throw new InvalidInputException("The suite '" + name + "' has no answer schema, so its answers"
                        + " cannot be structured; run it with structured answers off.");
            }
            List<SuiteItem> selected = spec.selection().select(all);
            if (spec.adapters().contains(ExperimentSpec.ORACLE_ADAPTER)) {
                for (SuiteItem item : selected) {
                    if (oracleAdapter(item).isEmpty()) {
                        throw new InvalidInputException("The adapter axis has the oracle, which runs each item on"
                                + " the adapter it is labelled with, and the item '" + item.id() + "' of the suite '"
                                + name + "' has no '" + ADAPTER_LABEL + "' field; label every item, or leave the"
                                + " oracle out.");
                    }
                }
            }
            chosen.put(name, suite);
            items.put(name, selected);
        }
        List<ArmSpec> arms = new ArrayList<>();
        for (String suite : spec.suites()) {
            for (String model : spec.models()) {
                for (ParamSet params : spec.params()) {
                    for (String pipeline : spec.pipelines()) {
                        if (spec.hasAdapterAxis()) {
                            for (String adapter : spec.adapters()) {
                                arms.add(new ArmSpec(suite, pipeline, model, params, adapter));
                            }
                        } else {
                            arms.add(new ArmSpec(suite, pipeline, model, params));
                        }
                    }
                }
            }
        }
        return new ExperimentPlan(spec, chosen, items, List.copyOf(arms));
    }

    public ExperimentSpec spec() {
        return spec;
    }

    /** The arms, suites outermost, then models, params and pipelines (a model's arms run together). */
    public List<ArmSpec> arms() {
        return arms;
    }

    /** The schema a suite's final answers are generated under: empty unless the experiment is structured. */
    public Optional<JsonSchema> answerSchema(String suite) {
        return spec.structured() ? suites.get(suite).answerSchema() : Optional.empty();
    }

    public Suite suite(String name) {
        return suites.get(name);
    }

    /** The selected items of a suite, in the suite's order. */
    public List<SuiteItem> items(String suite) {
        return items.get(suite);
    }

    /** Item runs in all: every arm's items times the seeds. */
    public long totalRuns() {
        long total = 0;
        for (ArmSpec arm : arms) {
            total += (long) items.get(arm.suite()).size() * spec.seeds().size();
        }
        return total;
    }

    /**
     * The minimum detectable effect of each suite's comparisons at 80% power for its item count (the
     * paired design, at the assumed disagreement rate), by suite.
     */
    public Map<String, DetectableEffect> detectableEffects(double disagreementRate) {
        Map<String, DetectableEffect> out = new LinkedHashMap<>();
        items.forEach((suite, list) -> out.put(suite, DetectableEffect.pairedBinary(list.size(), disagreementRate)));
        return out;
    }

    /** {@link #detectableEffects(double)} at {@link #ASSUMED_DISAGREEMENT}. */
    public Map<String, DetectableEffect> detectableEffects() {
        return detectableEffects(ASSUMED_DISAGREEMENT);
    }

    /**
     * The run's config, the JSON its folder hashes: the spec's {@link ExperimentSpec#config() config}
     * with a {@code resolved} part that pins what the names stood for: each suite's metrics,
     * instructions, the hash of its selected items (ids, questions, gold, categories) and of its setup
     * (documents and facts), each model's
     * identity, and each pipeline's fingerprint. Any change of these is another experiment.
     */
    public ObjectNode config(Map<String, ModelIdentity> models, Map<String, Optional<String>> fingerprints) {
        ObjectNode config = spec.config();
        ObjectNode resolved = config.putObject("resolved");
        ObjectNode s = resolved.putObject("suites");
        for (String name : spec.suites()) {
            Suite suite = suites.get(name);
            ObjectNode one = s.putObject(name);
            ArrayNode metrics = one.putArray("metrics");
            suite.metrics().forEach(metrics::add);
            one.put("instructions", suite.instructions() == null ? "" : suite.instructions());
            one.put("items", items.get(name).size());
            if (spec.structured()) {
                one.set("answer_schema", suite.answerSchema().orElseThrow().document());
            }
            ArrayNode list = JSON.createArrayNode();
            for (SuiteItem item : items.get(name)) {
                ObjectNode i = list.addObject();
                i.put("id", item.id());
                i.put("question", item.question());
                ArrayNode gold = i.putArray("gold");
                item.gold().forEach(gold::add);
                i.put("category", item.category());
                // The oracle's label decides an arm's adapter; hashed only with the axis, so that the
                // hash of every run without it stays what it was.
                if (spec.hasAdapterAxis()) {
                    oracleAdapter(item).ifPresent(a -> i.put(ADAPTER_LABEL, a));
                }
            }
            one.put("items_hash", CanonicalJson.hash(list));
            // The labels in the clear, so that the router's accuracy can be rebuilt from the run folder.
            if (spec.hasAdapterAxis()) {
                ObjectNode labels = JSON.createObjectNode();
                items.get(name).forEach(item -> oracleAdapter(item).ifPresent(a -> labels.put(item.id(), a)));
                if (!labels.isEmpty()) {
                    one.set(ADAPTER_LABELS, labels);
                }
            }
            // The documents and facts a suite is set up with change its answers as much as its items do.
            SuiteSetup setup = suite.setup();
            if (setup.isEmpty()) {
                one.putNull("setup_hash");
            } else {
                one.put("setup_hash", SetupCache.hash(setup));
            }
        }
        ObjectNode m = resolved.putObject("models");
        for (String model : spec.models()) {
            ModelIdentity id = models.get(model);
            if (id == null) {
                throw new IllegalArgumentException("no identity for the model '" + model + "'");
            }
            m.set(model, JSON.valueToTree(id));
        }
        ObjectNode p = resolved.putObject("pipelines");
        for (String pipeline : spec.pipelines()) {
            Optional<String> f = fingerprints.getOrDefault(pipeline, Optional.empty());
            if (f.isPresent()) {
                p.put(pipeline, f.get());
            } else {
                p.putNull(pipeline);
            }
        }
        return config;
    }
}
