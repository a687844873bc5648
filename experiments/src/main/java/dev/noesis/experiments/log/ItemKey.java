package dev.noesis.experiments.log;

/**
 * What makes an item's record unique within a run: one item, under one configuration, with one
 * seed. A resumed run skips the keys its log already holds, and the log refuses a second record for
 * the same key.
 *
 * @param suite    the suite
 * @param pipeline the pipeline
 * @param model    the model
 * @param params   the generation params as canonical JSON (so that 256 and 256.0 are the same)
 * @param seed     the seed
 * @param itemId   the item
 * @param adapter  the arm's adapter on an experiment's adapter axis, or null without one
 */
public record ItemKey(
        String suite, String pipeline, ModelIdentity model, String params, long seed, String itemId, String adapter) {

    /** The key of an item of an experiment without an adapter axis. */
    public ItemKey(String suite, String pipeline, ModelIdentity model, String params, long seed, String itemId) {
        this(suite, pipeline, model, params, seed, itemId, null);
    }

    @Override
    public String toString() {
        return suite + "/" + pipeline + (adapter == null ? "" : " +" + adapter) + " on " + model.location() + " "
                + params + " seed " + seed + ": item '" + itemId + "'";
    }
}
