package dev.noesis.experiments.suite;

import java.util.List;

/**
 * A suite whose arms are retrieval configurations (say {@code bm25}, {@code dense}, {@code hybrid})
 * rather than pipelines on a language model: each item is a query, its gold answers the ids of the
 * documents judged relevant, and the output an arm gives is the ranking, one document id per line,
 * best first. Its experiments name those configurations where others name pipelines, and its model
 * axis is the embedding model; an experiment does not mix it with suites of questions, whose pipelines
 * mean nothing to it.
 */
public interface RetrievalSuite extends Suite {

    /** The retrieval configurations its arms may be, in the order they are listed. */
    List<String> configs();

    /** The configuration the others are compared against by default. */
    String baselineConfig();

    /** How many documents an arm ranks per query (enough for the deepest metric, e.g. Recall@100). */
    int depth();

    /** The output an arm gives for a ranking: the ids, best first, one per line. */
    static String output(List<String> rankedIds) {
        return String.join("\n", rankedIds);
    }
}
