package dev.noesis.experiments.report;

import java.util.Locale;

/** How the report writes numbers, the same in Markdown and HTML and in any locale. */
final class Numbers {

    private Numbers() {}

    static String score(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static String interval(double low, double high) {
        return String.format(Locale.ROOT, "[%.3f, %.3f]", low, high);
    }

    static String signedInterval(double low, double high) {
        return String.format(Locale.ROOT, "[%+.3f, %+.3f]", low, high);
    }

    static String delta(double value) {
        return String.format(Locale.ROOT, "%+.3f", value);
    }

    static String p(double value) {
        if (value < 0.0001) {
            return "< 0.0001";
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String seconds(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String money(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.4g", value);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f×", value);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    /** The run's cache use as a sentence. */
    static String cacheSentence(long hits, long calls) {
        if (calls == 0) {
            return "the log records no model calls.";
        }
        if (hits == 0) {
            return "none of the " + count(calls) + " model calls was answered from the cache: every number is fresh.";
        }
        return count(hits) + " of the " + count(calls) + " model calls (" + percent((double) hits / calls)
                + ") were answered from the cache. Cached answers are replays of earlier calls, not fresh"
                + " measurements of the model, and their model time is not a fresh timing.";
    }

    /** What share of calls came from the cache, written so that it cannot be missed. */
    static String cache(long hits, long calls) {
        if (calls == 0) {
            return "no calls logged";
        }
        if (hits == 0) {
            return "0 of " + count(calls) + " (all fresh)";
        }
        return count(hits) + " of " + count(calls) + " cached (" + percent((double) hits / calls) + ")";
    }
}
