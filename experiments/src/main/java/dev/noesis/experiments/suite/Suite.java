package dev.noesis.experiments.suite;

import dev.noesis.core.structured.JsonSchema;
import dev.noesis.experiments.log.Extraction;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A set of questions with gold answers, and how an output is judged: the answer extraction and the
 * metrics. A suite may need setup (documents to ingest, facts to import) that the runner performs
 * once, into a data home of the experiment's own.
 *
 * <p>Implementations are pure: they read their data, never a model, an index or a memory.
 */
public interface Suite {

    /** The name users type ({@code gsm8k}, {@code hotpotqa}, or the user's file name). */
    String name();

    /** One line for {@code noesis eval list}. */
    String description();

    /** The metrics every item is scored on, the primary one first (e.g. {@code em}, {@code f1}). */
    List<String> metrics();

    /** The items, in a fixed order, each with its gold answers. */
    List<SuiteItem> items();

    /** What must be in the index or memory before the items run; {@link SuiteSetup#NONE} for closed book. */
    SuiteSetup setup();

    /**
     * What must be in place to run only {@code items} (a slice or a sample of {@link #items()}): for
     * an evidence suite, the evidence of those items alone, so a 20-item slice sets up in seconds.
     * By default the whole suite's {@link #setup()}.
     */
    default SuiteSetup setup(List<SuiteItem> items) {
        return setup();
    }

    /**
     * The shape of a structured answer (e.g. an object with an {@code answer} field), for a pipeline
     * that is asked to answer in JSON so extraction cannot fail; the suite's first extraction rule
     * reads it. Empty when the suite has none. Whether it is used is the experiment's choice.
     */
    default Optional<JsonSchema> answerSchema() {
        return Optional.empty();
    }

    /**
     * Metrics of a whole set of answers that are not means of {@link #score} (macro-F1 over labels),
     * for the report to compute per arm from the logged gold and extracted answers.
     */
    default List<CorpusMetric> corpusMetrics() {
        return List.of();
    }

    /**
     * The instruction that goes before the question in the prompt (answer format), or empty. Part of
     * the experiment's config, so changing it changes the config hash and misses the cache.
     */
    String instructions();

    /** Takes the answer out of a pipeline's output, saying by which rule. */
    Extraction extract(String output);

    /** Scores one extracted answer against the item's gold answers: metric name to a finite number. */
    Map<String, Double> score(SuiteItem item, Extraction extracted);
}
