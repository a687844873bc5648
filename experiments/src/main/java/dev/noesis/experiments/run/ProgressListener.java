package dev.noesis.experiments.run;

import dev.noesis.experiments.log.ItemRecord;

/**
 * What a run tells while it goes, instead of printing: a command draws a progress bar from it, a
 * server streams it. Every method has a default that does nothing. Calls come from one thread at a
 * time (the runner's log writer), in order; they should return quickly.
 */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() {};

    /** The run has opened its folder: {@code alreadyDone} of {@code total} item runs are logged from before. */
    default void started(long total, long alreadyDone, boolean resumed) {}

    /** A suite's setup is in place (installed now, or reused). */
    default void setupReady(PreparedSetup setup) {}

    /** One item run was logged durably. */
    default void itemLogged(ItemRecord record, Progress progress) {}

    /** The run ended: finished, or cancelled with {@code cancelled}. */
    default void finished(Progress progress, boolean cancelled) {}
}
