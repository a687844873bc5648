package dev.noesis.orchestrator.builtin;

import dev.noesis.orchestrator.Pipeline;
import java.util.List;

/** The pipelines Noesis ships. More arrive with the thinking modules. */
public final class BuiltinPipelines {

    public static final String RAW = "raw";

    private BuiltinPipelines() {}

    /** The question straight to the model: the baseline of every experiment. */
    public static Pipeline raw() {
        return new Pipeline(RAW, "The question straight to the model, no modules: the baseline.", List.of(new Generator("")));
    }
}
