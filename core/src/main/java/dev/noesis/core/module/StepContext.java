package dev.noesis.core.module;

import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;

/** What the runner gives a module for one step. */
public interface StepContext {

    /**
     * The run's model. Calls through it are counted against the run's budget and recorded in
     * the step's span; a call over budget throws {@link dev.noesis.core.error.BudgetExceededException}.
     */
    LanguageModel model();

    /** The run's generation settings; a module may derive its own from them. */
    GenerationParams params();

    /** Records in the trace something the step did besides calling the model, and why. */
    void note(String what, String why);
}
