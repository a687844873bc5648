package dev.noesis.experiments.suite;

import dev.noesis.experiments.log.Extraction;
import java.util.List;
import java.util.Map;

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
     * The instruction that goes before the question in the prompt (answer format), or empty. Part of
     * the experiment's config, so changing it changes the config hash and misses the cache.
     */
    String instructions();

    /** Takes the answer out of a pipeline's output, saying by which rule. */
    Extraction extract(String output);

    /** Scores one extracted answer against the item's gold answers: metric name to a finite number. */
    Map<String, Double> score(SuiteItem item, Extraction extracted);
}
