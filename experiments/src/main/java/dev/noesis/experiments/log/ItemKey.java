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
 */
public record ItemKey(String suite, String pipeline, ModelIdentity model, String params, long seed, String itemId) {

    @Override
    public String toString() {
        return suite + "/" + pipeline + " on " + model.location() + " " + params + " seed " + seed + ": item '" + itemId
                + "'";
    }
}
