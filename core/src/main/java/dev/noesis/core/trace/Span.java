package dev.noesis.core.trace;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a run: which module ran with which configuration, its model calls, its notes,
 * how long it took, and the error that ended it if one did.
 *
 * @param step       number of the step in the run, from 0, in the order steps ran
 * @param where      where the step sits in the pipeline, e.g. {@code steps[2] > repeat 2/3 > steps[0]}
 * @param module     the module's name, or the control form ({@code repeat}, {@code fanout}, {@code when})
 * @param config     the module's configuration, as given
 * @param calls      model calls made by the step, in order
 * @param notes      what the step injected or decided, and why
 * @param startMs    when the step began, in milliseconds after the run began
 * @param durationMs wall time of the whole step, model calls included
 * @param error      why the step failed, or null when it did not
 */
public record Span(
        int step,
        String where,
        String module,
        Map<String, Object> config,
        List<ModelCall> calls,
        List<Note> notes,
        long startMs,
        long durationMs,
        String error) {

    public Span {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(module, "module");
        config = Map.copyOf(config);
        calls = List.copyOf(calls);
        notes = List.copyOf(notes);
    }

    public long modelMs() {
        return calls.stream().mapToLong(ModelCall::modelMs).sum();
    }

    public int promptTokens() {
        return calls.stream().mapToInt(ModelCall::promptTokens).sum();
    }

    public int completionTokens() {
        return calls.stream().mapToInt(ModelCall::completionTokens).sum();
    }

    public boolean failed() {
        return error != null;
    }
}
