package dev.noesis.core.module;

import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.model.TokenListener;

/** What the runner gives a module for one step. */
public interface StepContext {

    /**
     * The run's model. Calls through it are counted against the run's budget and recorded in
     * the step's span; a call over budget throws {@link dev.noesis.core.error.BudgetExceededException}.
     */
    LanguageModel model();

    /** The run's generation settings; a module may derive its own from them. */
    GenerationParams params();

    /**
     * Where to stream a draft of the answer as it is generated (the command line prints it live).
     * Pass it to {@link LanguageModel#generate} for calls that write an answer, not for internal ones.
     */
    TokenListener answerStream();

    /** Records in the trace something the step did besides calling the model, and why. */
    void note(String what, String why);

    /** The run's id, as its trace names it: what a module records as the provenance of what the run produced. */
    String runId();
}
