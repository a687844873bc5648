package dev.noesis.memory.importer;

/** Progress of an import: a phase ("concepts", "edges", "facts") and how far it is. */
@FunctionalInterface
public interface ImportListener {

    /** @param total the phase's size, or -1 when unknown (a file read as it goes) */
    void progress(String phase, long done, long total);

    ImportListener NONE = (phase, done, total) -> {};
}
