package dev.noesis.core.trace;

import java.util.List;
import java.util.Objects;

/**
 * Everything a run did, step by step: the record that makes a claimed gain checkable.
 *
 * @param runId    unique id of the run
 * @param pipeline the pipeline's name
 * @param model    the model's name
 * @param spans    one per executed step, in order
 */
public record Trace(String runId, String pipeline, String model, List<Span> spans) {

    public Trace {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(model, "model");
        spans = List.copyOf(spans);
    }
}
