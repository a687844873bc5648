package dev.noesis.experiments.run;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.structured.JsonSchema;
import dev.noesis.experiments.log.ModelIdentity;
import java.util.Optional;

/**
 * What the caller hands the runner to open arms: the application's wiring of models and pipelines.
 * Experiments never imports it; it sees this interface only.
 */
public interface ArmFactory {

    /**
     * Which weights a model name stands for (folder + hash of the weights, or URL + served name), so
     * that item records and the config say precisely what ran. Called once per model before the run;
     * it should be cheap (a cached hash), as it is called even when every item is already logged.
     */
    ModelIdentity identify(String model);

    /**
     * A fingerprint of the pipeline's definition (the hash of its file's content, and of the weights
     * of any adapter it names), recorded in the run's config so that a changed pipeline file is a
     * different experiment, which a run folder then refuses to resume. Empty when the pipeline is
     * built in and versioned with the code. Called before anything runs, so it may also refuse a
     * pipeline that cannot run here.
     */
    default Optional<String> fingerprint(String pipeline) {
        return Optional.empty();
    }

    /**
     * A fingerprint of a registered adapter's weights (its content hash), recorded in the run's config
     * with an adapter axis, so that an adapter registered again with other weights makes another
     * experiment. Empty when the factory cannot tell.
     */
    default Optional<String> adapterFingerprint(String adapter) {
        return Optional.empty();
    }

    /**
     * Opens an arm: its pipeline on its model.
     *
     * @param arm   which arm
     * @param setup the suite's data home (index and memory put in place once), or {@link PreparedSetup#none}
     *              when the suite needs none
     */
    Arm open(ArmSpec arm, PreparedSetup setup);

    /**
     * Opens an arm whose final answers are generated under {@code answerSchema} (a structured
     * experiment); with none, {@link #open(ArmSpec, PreparedSetup)}. A factory that cannot constrain
     * its answers refuses, rather than run plain answers under a structured config.
     */
    default Arm open(ArmSpec arm, PreparedSetup setup, Optional<JsonSchema> answerSchema) {
        if (answerSchema.isPresent()) {
            throw new InvalidInputException("These arms (" + getClass().getSimpleName()
                    + ") cannot generate structured answers; run the experiment with structured answers off.");
        }
        return open(arm, setup);
    }
}
