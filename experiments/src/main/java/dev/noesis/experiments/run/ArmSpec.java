package dev.noesis.experiments.run;

import dev.noesis.experiments.run.spec.ExperimentSpec;
import dev.noesis.experiments.run.spec.ParamSet;

/**
 * One arm of an experiment: a suite × pipeline × model × params configuration. Seeds are repetitions
 * of an arm, not arms of their own: the statistics average an item's seeds before anything else.
 *
 * @param suite    the suite's name
 * @param pipeline the pipeline's name
 * @param model    the model as the experiment names it (folder, hub id or URL)
 * @param params   the generation params (the seed comes with each item)
 * @param adapter  the adapter on the adapter axis ({@link ExperimentSpec#adapters()}), or null when the
 *                 experiment has none
 */
public record ArmSpec(String suite, String pipeline, String model, ParamSet params, String adapter) {

    /** An arm of an experiment without an adapter axis. */
    public ArmSpec(String suite, String pipeline, String model, ParamSet params) {
        this(suite, pipeline, model, params, null);
    }

    /**
     * The arm's name in tables and comparisons: the pipeline, with the model and the params added only
     * where the experiment has more than one of them, e.g. {@code self-consistency @ models/q4 [t=0.7 p=1 max=256]}.
     */
    public String label(ExperimentSpec spec) {
        StringBuilder s = new StringBuilder(pipeline);
        if (spec.models().size() > 1) {
            s.append(" @ ").append(model);
        }
        if (spec.params().size() > 1) {
            s.append(" [").append(params.label()).append(']');
        }
        if (adapter != null) {
            s.append(" +").append(adapter);
        }
        return s.toString();
    }

    /** The same arm with another pipeline: the baseline of this one, say. */
    public ArmSpec withPipeline(String other) {
        return new ArmSpec(suite, other, model, params, adapter);
    }

    /** The same arm on another adapter: the base of this one, say. */
    public ArmSpec withAdapter(String other) {
        return new ArmSpec(suite, pipeline, model, params, other);
    }
}
