package dev.noesis.experiments.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.noesis.experiments.report.ReportModel.Categories;
import dev.noesis.experiments.report.ReportModel.Effect;
import dev.noesis.experiments.report.ReportModel.Regression;
import dev.noesis.experiments.report.ReportModel.Regressions;
import dev.noesis.experiments.report.ReportModel.Router;
import dev.noesis.experiments.report.ReportModel.Row;
import dev.noesis.experiments.report.ReportModel.Suite;
import dev.noesis.experiments.stats.ArmEstimate;
import dev.noesis.experiments.stats.Verdict;
import java.util.List;

/** {@code report.md}: the report as Markdown tables, every value from data escaped. */
final class MarkdownReport {

    /**
     * Writes the config as indented JSON with {@code < > &} as {@code \\u} escapes: the same JSON to
     * any parser, but no tag for a lax Markdown renderer to act on inside the code block.
     */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static {
        JSON.getFactory().setCharacterEscapes(new NoMarkupEscapes());
    }

    private static final class NoMarkupEscapes extends CharacterEscapes {
        private final int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();

        NoMarkupEscapes() {
            escapes['<'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['>'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['&'] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }

    private MarkdownReport() {}

    static String render(ReportModel model) {
        StringBuilder md = new StringBuilder(16_384);
        md.append("# Experiment report\n\n");
        md.append("Results format `")
                .append(Escape.markdown(model.format()))
                .append("`; ")
                .append(model.comparisonCount())
                .append(" comparisons (p-values Holm-adjusted across all of them); ")
                .append(Numbers.count(model.itemRecords()))
                .append(" item records in the log.\n\n");
        md.append("**Cache:** ")
                .append(Escape.markdown(Numbers.cacheSentence(model.cacheHits(), model.modelCalls())))
                .append("\n\n");
        md.append("**Answers:** ").append(Escape.markdown(model.answers())).append("\n\n");
        if (!model.retries().isEmpty()) {
            md.append("**Retries:** ").append(Escape.markdown(model.retries())).append("\n\n");
        }
        md.append("A verdict of *no detectable difference* is not evidence of no difference: see each comparison's"
                + " n and minimum detectable effect below.\n\n");

        for (Suite suite : model.suites()) {
            suite(md, suite);
        }

        for (Router router : model.routers()) {
            router(md, router);
        }

        md.append("## Config\n\n");
        md.append(Escape.markdownCodeBlock(config(model), "json"));
        return md.toString();
    }

    /** The router's accuracy against the items' adapter labels, and its confusion matrix (rows: labels). */
    private static void router(StringBuilder md, Router r) {
        md.append("## ").append(Escape.markdown(r.title())).append("\n\n");
        md.append("**Routing accuracy:** ")
                .append(Escape.markdown(r.accuracy()))
                .append("\n\n");
        if (r.chosen().isEmpty()) {
            return;
        }
        md.append("| label \\ chosen |");
        r.chosen().forEach(c -> md.append(' ').append(Escape.markdown(c)).append(" |"));
        md.append("\n|---|");
        r.chosen().forEach(c -> md.append("---:|"));
        md.append('\n');
        for (String label : r.labels()) {
            md.append("| ").append(Escape.markdown(label)).append(" |");
            r.chosen().forEach(c -> md.append(' ').append(r.count(label, c)).append(" |"));
            md.append('\n');
        }
        md.append('\n');
    }

    static String config(ReportModel model) {
        if (model.config() == null || model.config().isNull()) {
            return "(no config recorded)";
        }
        try {
            return JSON.writeValueAsString(model.config());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written: " + e.getMessage(), e);
        }
    }

    private static void suite(StringBuilder md, Suite suite) {
        md.append("## Suite ").append(Escape.markdown(suite.title())).append("\n\n");
        md.append("| arm | model | n | metric | score [95% CI] | Δ vs baseline [95% CI] | p (adjusted) | verdict"
                + " | tokens | × baseline tokens | model s | $/1k | cache hits | not completed |\n");
        md.append("|---|---|---:|---|---|---|---|---|---:|---:|---:|---:|---|---|\n");
        for (Row row : suite.rows()) {
            row(md, row);
        }
        md.append('\n');
        List<Row> compared =
                suite.rows().stream().filter(r -> r.comparison() != null).toList();
        if (!compared.isEmpty()) {
            md.append(Escape.markdown(method(compared))).append("\n\n");
        }

        md.append("### What this run could detect\n\n");
        for (Effect e : suite.effects()) {
            md.append("- ")
                    .append(Escape.markdown(e.arm()))
                    .append(" vs ")
                    .append(Escape.markdown(e.baseline()))
                    .append(" (n = ")
                    .append(e.n())
                    .append("): ")
                    .append(Escape.markdown(e.sentence()))
                    .append('\n');
        }
        if (suite.effects().isEmpty()) {
            md.append("- No comparison in this suite.\n");
        }
        md.append('\n');

        if (suite.categories() != null) {
            categories(md, suite.categories());
        }
        for (Regressions r : suite.regressions()) {
            regressions(md, r);
        }
    }

    private static void row(StringBuilder md, Row row) {
        var arm = row.arm();
        var c = row.comparison();
        md.append("| ").append(Escape.markdown(row.name()));
        md.append(" | ").append(arm == null ? "" : Escape.markdown(arm.model()));
        md.append(" | ").append(arm != null ? arm.n() : c.n());
        md.append(" | ").append(Escape.markdown(arm != null ? arm.metric() : c.metric()));
        md.append(" | ")
                .append(
                        arm == null
                                ? "not in arms"
                                : Numbers.score(arm.mean()) + " " + Numbers.interval(arm.ciLow(), arm.ciHigh()));
        if (c == null) {
            md.append(row.baseline() ? " | baseline | | baseline" : " | | | no comparison");
        } else {
            md.append(" | ")
                    .append(Numbers.delta(c.delta()))
                    .append(' ')
                    .append(Numbers.signedInterval(c.ciLow(), c.ciHigh()))
                    .append(" vs ")
                    .append(Escape.markdown(c.baseline()));
            md.append(" | ")
                    .append(Numbers.p(c.pValue()))
                    .append(" (")
                    .append(Numbers.p(c.pAdjusted()))
                    .append(')');
            md.append(" | ").append(verdict(c.verdict()));
        }
        md.append(" | ").append(arm == null ? "" : Numbers.count(arm.tokens()));
        md.append(" | ").append(row.tokenRatio() == null ? "" : Numbers.ratio(row.tokenRatio()));
        md.append(" | ").append(arm == null ? "" : Numbers.seconds(arm.modelSeconds()));
        md.append(" | ").append(arm == null ? "" : Numbers.money(arm.costPer1k()));
        String cache = Numbers.cache(row.cacheHits(), row.modelCalls());
        md.append(" | ").append(row.cacheHits() > 0 ? "**" + cache + "**" : cache);
        md.append(" | ").append(notCompleted(row));
        md.append(" |\n");
    }

    /** How the suite's differences and p-values were computed, from its comparisons' own fields. */
    static String method(List<Row> compared) {
        var c = compared.getFirst().comparison();
        String tests = compared.stream()
                .map(r -> r.comparison().test().label())
                .distinct()
                .collect(java.util.stream.Collectors.joining(" or "));
        return "Δ: paired bootstrap, " + Numbers.count(c.resamples()) + " resamples, seed " + c.seed() + "; p: " + tests
                + ", then Holm across the experiment.";
    }

    static String notCompleted(Row row) {
        if (row.failed() == 0 && row.budget() == 0) {
            return "0";
        }
        return row.failed() + " failed, " + row.budget() + " stopped by a budget";
    }

    private static String verdict(Verdict verdict) {
        return switch (verdict) {
            case BETTER -> "**▲ better**";
            case WORSE -> "**▼ worse**";
            case NO_DETECTABLE_DIFFERENCE -> "no detectable difference";
        };
    }

    private static void categories(StringBuilder md, Categories categories) {
        md.append("### Per category (")
                .append(Escape.markdown(categories.metric()))
                .append(")\n\n");
        md.append("| category |");
        for (String arm : categories.arms()) {
            md.append(' ').append(Escape.markdown(arm)).append(" |");
        }
        md.append("\n|---|");
        md.append("---|".repeat(categories.arms().size()));
        md.append('\n');
        for (String category : categories.categories()) {
            md.append("| ").append(Escape.markdown(category)).append(" |");
            for (String arm : categories.arms()) {
                ArmEstimate cell = categories.cells().get(arm).get(category);
                md.append(' ').append(cell == null ? "" : cellText(cell)).append(" |");
            }
            md.append('\n');
        }
        md.append("\nEach cell: mean ")
                .append("[95% CI]")
                .append(" (n items); Wilson intervals for" + " proportions, else a percentile bootstrap with ")
                .append(Numbers.count(categories.resampling().resamples()))
                .append(" resamples, seed ")
                .append(categories.resampling().seed())
                .append(".\n\n");
    }

    static String cellText(ArmEstimate cell) {
        return Numbers.score(cell.mean()) + " "
                + Escape.markdown(
                        Numbers.interval(cell.interval().low(), cell.interval().high())) + " "
                + "(n " + cell.n() + ")";
    }

    private static void regressions(StringBuilder md, Regressions r) {
        md.append("### Worst regressions: ")
                .append(Escape.markdown(r.arm()))
                .append(" vs ")
                .append(Escape.markdown(r.baseline()))
                .append("\n\n");
        md.append("Of ")
                .append(r.paired())
                .append(" items scored on both, ")
                .append(Escape.markdown(r.arm()))
                .append(" scored lower on **")
                .append(r.lost())
                .append("** and higher on ")
                .append(r.gained())
                .append(".\n\n");
        if (r.worst().isEmpty()) {
            md.append("No item regressed.\n\n");
            return;
        }
        md.append("| item | category | baseline | arm | drop | arm's answer | gold | arm trace | baseline trace |\n");
        md.append("|---|---|---:|---:|---:|---|---|---|---|\n");
        for (Regression g : r.worst()) {
            md.append("| ").append(Escape.markdown(g.itemId()));
            md.append(" | ").append(Escape.markdown(g.category()));
            md.append(" | ").append(Numbers.score(g.baselineScore()));
            md.append(" | ").append(Numbers.score(g.armScore()));
            md.append(" | ").append(Numbers.score(g.drop()));
            md.append(" | ").append(Escape.markdown(Text.shorten(g.armAnswer())));
            md.append(" | ").append(Escape.markdown(Text.shorten(String.join(" / ", g.gold()))));
            md.append(" | ").append(link(g.armTrace()));
            md.append(" | ").append(link(g.baselineTrace()));
            md.append(" |\n");
        }
        md.append('\n');
    }

    private static String link(String trace) {
        if (trace == null) {
            return "";
        }
        return TraceLinks.href(trace)
                .map(href -> "[trace](" + href + ")")
                .orElse(Escape.markdown(trace) + " (not linked: not a path inside the run folder)");
    }
}
