package dev.noesis.core.module;

import dev.noesis.core.thought.ThoughtState;
import java.util.Map;

/**
 * A thinking module: one Lego brick of a pipeline. It reads a {@link ThoughtState} and returns a
 * new one, calling the model only through {@link StepContext#model()} and recording what it did
 * through {@link StepContext#note}. Modules see ports only, never a concrete backend.
 */
public interface ThinkingModule {

    /** The name pipelines use for this module, e.g. {@code generator}. */
    String name();

    /** The configuration this instance runs with, as recorded in the trace. */
    default Map<String, Object> config() {
        return Map.of();
    }

    ThoughtState apply(ThoughtState state, StepContext context);
}
