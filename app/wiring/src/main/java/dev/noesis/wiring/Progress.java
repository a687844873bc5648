package dev.noesis.wiring;

/** The progress of one long task, phase by phase (a file being downloaded, facts being imported, nodes being embedded). */
public interface Progress extends AutoCloseable {

    /** Reports nothing. */
    Progress NONE = (phase, done, total) -> {};

    /** What {@code done} and {@code total} count. */
    enum Unit {
        ITEMS,
        BYTES
    }

    /**
     * {@code done} of {@code total} units of the phase {@code phase} are finished; a new phase name
     * starts a new count. A total below 0 means unknown.
     */
    void update(String phase, long done, long total);

    @Override
    default void close() {}
}
