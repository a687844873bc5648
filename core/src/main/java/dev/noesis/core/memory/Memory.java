package dev.noesis.core.memory;

import java.util.List;

/**
 * The port for long-term memory: a graph of concepts, facts and episodes that thinking modules
 * write to and recall from. Implementations decide how it is stored; callers see only these types.
 *
 * <p>Writes are idempotent (the same fact twice is one fact, confirmed) and carry provenance.
 * A fact that contradicts a current one is not lost: the old one is closed and linked to the new.
 */
public interface Memory extends AutoCloseable {

    /** Writes facts in one transaction: all of them or, on failure, none. */
    WriteReport remember(List<Fact> facts);

    /** Records a run (question and answer) and the facts it produced, which are derived from it. */
    WriteReport record(Episode episode);

    /** What memory holds about a cue: a ranked subgraph, the paths that explain it, and statements for a prompt. */
    RecallResult recall(String cue, RecallOptions options);

    default RecallResult recall(String cue) {
        return recall(cue, RecallOptions.DEFAULTS);
    }

    @Override
    default void close() {}
}
