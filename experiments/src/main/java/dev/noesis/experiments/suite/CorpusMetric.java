package dev.noesis.experiments.suite;

import java.util.List;

/**
 * A metric of a whole set of answers that is not a mean of per-item scores (macro-F1 over labels).
 * The report computes it per arm from the logged gold and extracted answers; its confidence
 * interval, if any, is the report's business (a bootstrap over items).
 */
public interface CorpusMetric {

    /** Its name in reports, e.g. {@code macro_f1}. */
    String name();

    /** The metric over these answers, a finite number; 0 for none. */
    double compute(List<Answered> answers);

    /**
     * One item as the metric needs it.
     *
     * @param gold   the item's gold answers, at least one
     * @param answer the extracted answer, or null when extraction found none
     */
    record Answered(List<String> gold, String answer) {
        public Answered {
            if (gold == null || gold.isEmpty()) {
                throw new IllegalArgumentException("an answered item needs its gold answers");
            }
            gold = List.copyOf(gold);
        }
    }
}
