package dev.noesis.experiments.run;

import dev.noesis.core.model.GenerationParams;
import dev.noesis.experiments.suite.SuiteItem;

/**
 * One arm, opened: a pipeline on a model, ready to answer items. The caller (the application's
 * wiring) implements it over its pipelines and models, so that experiments never imports them.
 *
 * <p>{@link #run} is called from {@link dev.noesis.experiments.run.spec.ExperimentSpec#parallel()}
 * threads at once and must be safe for that. A run is cancelled by interrupting its thread: the
 * implementation should stop soon and either throw {@link InterruptedException} or return; the
 * runner logs nothing for an item whose thread was interrupted, so that a resumed run redoes it.
 */
public interface Arm extends AutoCloseable {

    /**
     * Answers one item.
     *
     * @param item   the item (its metadata is for the arm's own use, never for the model)
     * @param prompt the text to give the pipeline as its question: see {@link PromptFormat}
     * @param params the generation params, the item's seed set
     * @return the output and what it cost; an error the arm catches itself may be returned as
     *         {@link ArmAnswer#failed}; any exception thrown is logged as a failure too
     */
    ArmAnswer run(SuiteItem item, String prompt, GenerationParams params) throws InterruptedException;

    /** Releases what the arm holds; the default holds nothing. */
    @Override
    default void close() {}
}
