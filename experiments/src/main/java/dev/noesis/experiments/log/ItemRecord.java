package dev.noesis.experiments.log;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one item's run produced, one line of a run's {@code items.jsonl}: enough to rebuild the
 * report from the log alone, to audit any score against the output it came from, and to tell which
 * configuration (by its hash) the item belongs to.
 *
 * @param itemId     the item's id in its suite
 * @param configHash the hash of the whole experiment config the run folder was started with
 * @param suite      the suite
 * @param pipeline   the pipeline's name
 * @param model      which model ran
 * @param params     the generation params the item ran with (temperature, max tokens, ...)
 * @param seed       the seed of this repetition
 * @param output     the pipeline's final output text, or null when it failed before giving one
 * @param extracted  the answer taken from the output and the rule that took it
 * @param gold       the accepted answers
 * @param scores     metric name to score (e.g. {@code em}, {@code f1}), finite numbers
 * @param usage      tokens, calls, milliseconds and cache hits
 * @param outcome    completed, stopped by a budget, or failed
 * @param error      what went wrong when the outcome is not {@code completed}, else null
 * @param trace      where the item's trace is, relative to the run folder, or null
 * @param category   the item's category in its suite (for per-category reports), or null
 * @param attempt    which attempt at the item, null for the first
 * @param adapter    the arm's adapter on an experiment's adapter axis, or null (and absent from the
 *                   line) without one, so that logs of runs without the axis read as they did
 * @param adapterUsed the adapter the item ran on when its arm chooses one per item (the router, the
 *                   oracle), or null (and absent)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ItemRecord(
        String itemId,
        String configHash,
        String suite,
        String pipeline,
        ModelIdentity model,
        Map<String, Object> params,
        long seed,
        String output,
        Extraction extracted,
        List<String> gold,
        Map<String, Double> scores,
        Usage usage,
        Outcome outcome,
        String error,
        String trace,
        String category,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer attempt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String adapter,
        @JsonInclude(JsonInclude.Include.NON_NULL) String adapterUsed) {

    public ItemRecord {
        require(itemId, "an item id");
        require(configHash, "the config hash");
        require(suite, "a suite");
        require(pipeline, "a pipeline");
        if (model == null) {
            throw new IllegalArgumentException("item '" + itemId + "' has no model identity");
        }
        if (outcome == null) {
            throw new IllegalArgumentException("item '" + itemId + "' has no outcome");
        }
        if (outcome == Outcome.FAILED && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("item '" + itemId + "' failed without an error message");
        }
        if (outcome == Outcome.COMPLETED && error != null) {
            throw new IllegalArgumentException("item '" + itemId + "' completed but carries an error: " + error);
        }
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        gold = gold == null ? List.of() : List.copyOf(gold);
        Map<String, Double> copy = new LinkedHashMap<>();
        if (scores != null) {
            for (Map.Entry<String, Double> e : scores.entrySet()) {
                if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                    throw new IllegalArgumentException("item '" + itemId + "' has the score " + e.getValue() + " for "
                            + e.getKey() + "; scores must be finite numbers");
                }
                copy.put(e.getKey(), e.getValue());
            }
        }
        scores = Collections.unmodifiableMap(copy);
        usage = usage == null ? Usage.NONE : usage;
        if (attempt != null && attempt < 2) {
            // The first attempt is written without the field, as every record was before retries.
            attempt = null;
        }
    }

    /** A first attempt. */
    public ItemRecord(
            String itemId,
            String configHash,
            String suite,
            String pipeline,
            ModelIdentity model,
            Map<String, Object> params,
            long seed,
            String output,
            Extraction extracted,
            List<String> gold,
            Map<String, Double> scores,
            Usage usage,
            Outcome outcome,
            String error,
            String trace,
            String category) {
        this(
                itemId,
                configHash,
                suite,
                pipeline,
                model,
                params,
                seed,
                output,
                extracted,
                gold,
                scores,
                usage,
                outcome,
                error,
                trace,
                category,
                null,
                null,
                null);
    }

    /** A record with its attempt, of an experiment without an adapter axis. */
    public ItemRecord(
            String itemId,
            String configHash,
            String suite,
            String pipeline,
            ModelIdentity model,
            Map<String, Object> params,
            long seed,
            String output,
            Extraction extracted,
            List<String> gold,
            Map<String, Double> scores,
            Usage usage,
            Outcome outcome,
            String error,
            String trace,
            String category,
            Integer attempt) {
        this(
                itemId,
                configHash,
                suite,
                pipeline,
                model,
                params,
                seed,
                output,
                extracted,
                gold,
                scores,
                usage,
                outcome,
                error,
                trace,
                category,
                attempt,
                null,
                null);
    }

    /** This record of an arm on {@code adapter} (null: no adapter axis). */
    public ItemRecord onAdapter(String adapter) {
        return new ItemRecord(
                itemId,
                configHash,
                suite,
                pipeline,
                model,
                params,
                seed,
                output,
                extracted,
                gold,
                scores,
                usage,
                outcome,
                error,
                trace,
                category,
                attempt,
                adapter,
                adapterUsed);
    }

    /** This record of an item that ran on {@code adapter}, chosen for it by its arm (null: not chosen per item). */
    public ItemRecord withAdapterUsed(String used) {
        return new ItemRecord(
                itemId,
                configHash,
                suite,
                pipeline,
                model,
                params,
                seed,
                output,
                extracted,
                gold,
                scores,
                usage,
                outcome,
                error,
                trace,
                category,
                attempt,
                adapter,
                used);
    }

    /** Which attempt at its item this record is: 1, or 2 and more for a failed item run again on resume. */
    public int attemptNumber() {
        return attempt == null ? 1 : attempt;
    }

    /** This record as attempt {@code n}. */
    public ItemRecord asAttempt(int n) {
        return new ItemRecord(
                itemId,
                configHash,
                suite,
                pipeline,
                model,
                params,
                seed,
                output,
                extracted,
                gold,
                scores,
                usage,
                outcome,
                error,
                trace,
                category,
                n,
                adapter,
                adapterUsed);
    }

    /** The key this record is unique under within its run. */
    public ItemKey key() {
        return new ItemKey(suite, pipeline, model, CanonicalJson.ofValue(params), seed, itemId, adapter);
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an item record needs " + what);
        }
    }
}
