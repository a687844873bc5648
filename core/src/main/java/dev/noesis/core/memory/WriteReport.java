package dev.noesis.core.memory;

/**
 * What a write changed.
 *
 * @param conceptsCreated concepts that did not exist before
 * @param factsCreated    facts new to memory
 * @param factsConfirmed  facts memory already held (their provenance and confidence are updated)
 * @param factsSuperseded current facts that a new one replaced (closed and linked, not deleted)
 * @param episodes        episodes recorded
 */
public record WriteReport(
        int conceptsCreated, int factsCreated, int factsConfirmed, int factsSuperseded, int episodes) {

    public static final WriteReport NOTHING = new WriteReport(0, 0, 0, 0, 0);

    public WriteReport plus(WriteReport o) {
        return new WriteReport(
                conceptsCreated + o.conceptsCreated,
                factsCreated + o.factsCreated,
                factsConfirmed + o.factsConfirmed,
                factsSuperseded + o.factsSuperseded,
                episodes + o.episodes);
    }
}
