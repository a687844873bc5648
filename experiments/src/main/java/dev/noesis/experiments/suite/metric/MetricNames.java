package dev.noesis.experiments.suite.metric;

/** The names metrics are logged and reported under, one vocabulary for built-in and user suites. */
public final class MetricNames {

    /** SQuAD exact match after normalisation. */
    public static final String EM = "em";
    /** SQuAD token F1. */
    public static final String F1 = "f1";
    /** The same number (GSM8K): see {@link NumericAnswer}. */
    public static final String NUMERIC = "numeric";
    /** The same label. */
    public static final String ACCURACY = "accuracy";
    /** Corpus-level macro-F1 over the gold labels. */
    public static final String MACRO_F1 = "macro_f1";

    private MetricNames() {}
}
