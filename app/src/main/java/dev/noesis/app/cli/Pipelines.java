package dev.noesis.app.cli;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.orchestrator.Pipeline;
import dev.noesis.orchestrator.builtin.BuiltinPipelines;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The pipelines the command line can run by name. */
final class Pipelines {

    private static final Map<String, Supplier<Pipeline>> BUILT_IN = new TreeMap<>(Map.of(BuiltinPipelines.RAW, BuiltinPipelines::raw));

    private Pipelines() {}

    static Pipeline named(String name) {
        Supplier<Pipeline> p = BUILT_IN.get(name);
        if (p == null) {
            throw new InvalidInputException("Unknown pipeline '" + name + "'. Available: " + String.join(", ", BUILT_IN.keySet()) + ".");
        }
        return p.get();
    }
}
