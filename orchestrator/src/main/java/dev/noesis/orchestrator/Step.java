package dev.noesis.orchestrator;

import dev.noesis.core.module.ThinkingModule;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One step of a pipeline: a module, or a control form holding steps of its own. */
public sealed interface Step {

    /** Where the step is written, for messages and the trace. */
    Position at();

    /**
     * Applies a module.
     *
     * @param adapter the LoRA adapter the step's model calls use whatever the run's is ({@code base}:
     *                the base model), or empty for the run's
     */
    record Apply(ThinkingModule module, Position at, Optional<AdapterChoice> adapter) implements Step {
        public Apply {
            Objects.requireNonNull(module, "module");
            adapter = adapter == null ? Optional.empty() : adapter;
        }

        /** A step on the run's adapter. */
        public Apply(ThinkingModule module, Position at) {
            this(module, at, Optional.empty());
        }
    }

    /** Runs {@code steps} again until {@code until} holds or {@code max} rounds have run. */
    record Repeat(int max, Condition until, List<Step> steps, Position at) implements Step {
        public Repeat {
            steps = List.copyOf(steps);
        }
    }

    /**
     * Runs {@code steps} {@code n} times from the same state, each with its own seed (and the
     * given temperature when the run's is 0, so that the branches differ), gathers the drafts of
     * every branch, then lets {@code select} choose (self-consistency, best-of-N).
     */
    record Fanout(int n, List<Step> steps, ThinkingModule select, double temperature, Position at) implements Step {
        public Fanout {
            steps = List.copyOf(steps);
        }
    }

    /** Runs {@code steps} only when {@code condition} holds. */
    record When(Condition condition, List<Step> steps, Position at) implements Step {
        public When {
            steps = List.copyOf(steps);
        }
    }
}
