package dev.noesis.core.module;

import dev.noesis.core.thought.ThoughtState;
import java.util.Map;
import java.util.Optional;

/**
 * A thinking module: one Lego brick of a pipeline. It reads a {@link ThoughtState} and returns a
 * new one, calling the model only through {@link StepContext#model()} and recording what it did
 * through {@link StepContext#note}. Modules see ports only, never a concrete backend.
 */
public interface ThinkingModule {

    /** The name pipelines use for this module, e.g. {@code generator}. */
    String name();

    /**
     * The typed configuration this instance runs with: the config record its factory made it
     * from. Empty for a module that has none. A module made by a factory reports it even when it
     * does not override this method ({@link ModuleSettings#attach}).
     */
    default Optional<Record> settings() {
        return Optional.empty();
    }

    /**
     * The configuration this instance runs with, as recorded in the trace. By default the
     * components of {@link #settings()} (see {@link ModuleSettings#toMap}), so the trace shows the
     * real configuration and cannot drift from it; override only for a module without a record.
     */
    default Map<String, Object> config() {
        return settings().map(ModuleSettings::toMap).orElse(Map.of());
    }

    ThoughtState apply(ThoughtState state, StepContext context);
}
