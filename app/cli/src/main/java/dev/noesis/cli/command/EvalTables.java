package dev.noesis.cli.command;

import dev.noesis.cli.terminal.TerminalText;
import dev.noesis.experiments.report.ArmNames;
import dev.noesis.experiments.report.ArmResult;
import dev.noesis.experiments.report.ComparisonResult;
import dev.noesis.experiments.report.ExperimentResults;
import java.io.PrintStream;
import java.util.Locale;

/** The terminal's summary of results: each arm's score, then each comparison with its verdict. */
final class EvalTables {

    private EvalTables() {}

    static void print(PrintStream out, ExperimentResults results) {
        out.printf(
                "%-16s %-40s %6s %-9s %-24s %10s %12s%n",
                "SUITE", "ARM", "N", "METRIC", "SCORE [95% CI]", "TOKENS", "CACHE HITS");
        for (ArmResult a : results.arms()) {
            out.printf(
                    Locale.ROOT,
                    "%-16s %-40s %6d %-9s %-24s %,10d %12s%n",
                    text(a.suite()),
                    text(ArmNames.name(a, results.arms())),
                    a.n(),
                    text(a.metric()),
                    String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", a.mean(), a.ciLow(), a.ciHigh()),
                    a.tokens(),
                    a.cacheHits() + " of " + a.modelCalls());
        }
        if (results.comparisons().isEmpty()) {
            return;
        }
        out.println();
        for (ComparisonResult c : results.comparisons()) {
            out.printf(
                    Locale.ROOT,
                    "%s: %s vs %s on %d items: %s %+.3f [%+.3f, %+.3f], p = %.3g (Holm %.3g): %s%n",
                    text(c.suite()),
                    text(c.arm()),
                    text(c.baseline()),
                    c.n(),
                    text(c.metric()),
                    c.delta(),
                    c.ciLow(),
                    c.ciHigh(),
                    c.pValue(),
                    c.pAdjusted(),
                    c.verdict().label().toUpperCase(Locale.ROOT));
        }
    }

    /** Names come from files a user (or a downloaded suite) wrote: never raw to a terminal. */
    private static String text(String s) {
        return TerminalText.safe(s == null ? "" : s);
    }
}
