package dev.noesis.experiments.report;

import dev.noesis.experiments.report.ReportModel.Categories;
import dev.noesis.experiments.report.ReportModel.Effect;
import dev.noesis.experiments.report.ReportModel.Regression;
import dev.noesis.experiments.report.ReportModel.Regressions;
import dev.noesis.experiments.report.ReportModel.Router;
import dev.noesis.experiments.report.ReportModel.Row;
import dev.noesis.experiments.report.ReportModel.Suite;
import dev.noesis.experiments.report.chart.CategoryBars;
import dev.noesis.experiments.report.chart.ForestPlot;
import dev.noesis.experiments.report.chart.ScoreCostPlot;
import dev.noesis.experiments.stats.ArmEstimate;
import dev.noesis.experiments.stats.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code report.html}: the Markdown report's content plus its charts, in one file that opens from
 * disk offline. Nothing is fetched: the style is inline, the charts are inline SVG, there is no
 * script, and a content security policy forbids loading anything should markup ever slip through.
 */
final class HtmlReport {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1200px;\
            padding:0 1em;color:#1f2328;line-height:1.45}
            table{border-collapse:collapse;margin:0.8em 0;font-size:0.92em}
            th,td{border:1px solid #d0d7de;padding:0.3em 0.55em;vertical-align:top}
            th{background:#f6f8fa;text-align:left}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            .better{color:#1a7f37;font-weight:bold}
            .worse{color:#cf222e;font-weight:bold}
            .none{color:#57606a}
            .cached{background:#fff8c5;font-weight:bold}
            td.hit{background:#dafbe1}
            .chart svg{max-width:100%;height:auto}
            .note{color:#57606a}
            pre{background:#f6f8fa;padding:1em;overflow:auto;font-size:0.88em}
            """;

    private HtmlReport() {}

    static String render(ReportModel model) {
        StringBuilder html = new StringBuilder(65_536);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.append(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
                        + " img-src data:\">\n");
        html.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.append("<title>Experiment report</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>Experiment report</h1>\n");
        html.append("<p>Results format <code>")
                .append(Escape.html(model.format()))
                .append("</code>; ")
                .append(model.comparisonCount())
                .append(" comparisons (p-values Holm-adjusted across all of them); ")
                .append(Numbers.count(model.itemRecords()))
                .append(" item records in the log.</p>\n");
        html.append(model.cacheHits() > 0 ? "<p class=\"cached\">" : "<p>")
                .append("<strong>Cache:</strong> ")
                .append(Escape.html(Numbers.cacheSentence(model.cacheHits(), model.modelCalls())))
                .append("</p>\n");
        html.append("<p><strong>Answers:</strong> ")
                .append(Escape.html(model.answers()))
                .append("</p>\n");
        if (!model.retries().isEmpty()) {
            html.append("<p><strong>Retries:</strong> ")
                    .append(Escape.html(model.retries()))
                    .append("</p>\n");
        }
        html.append("<p class=\"note\">A verdict of <em>no detectable difference</em> is not evidence of no difference:"
                + " see each comparison's n and minimum detectable effect.</p>\n");

        charts(html, model);
        for (int i = 0; i < model.suites().size(); i++) {
            suite(html, model.suites().get(i), i);
        }
        for (Router router : model.routers()) {
            router(html, router);
        }
        html.append("<h2>Config</h2>\n<pre>")
                .append(Escape.html(MarkdownReport.config(model)))
                .append("</pre>\n");
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void charts(StringBuilder html, ReportModel model) {
        List<ForestPlot.Row> forest = new ArrayList<>();
        for (Suite suite : model.suites()) {
            for (Row row : suite.rows()) {
                var c = row.comparison();
                if (c != null) {
                    forest.add(new ForestPlot.Row(
                            suite.title() + ": " + c.arm() + " vs " + c.baseline(),
                            c.delta(),
                            c.ciLow(),
                            c.ciHigh(),
                            c.verdict()));
                }
            }
        }
        if (!forest.isEmpty()) {
            html.append("<h2>Paired differences</h2>\n");
            chart(html, () -> ForestPlot.svg("forest-plot", forest));
        }

        boolean tokens = model.suites().stream()
                .flatMap(s -> s.rows().stream())
                .anyMatch(r -> r.arm() != null && r.arm().tokens() > 0);
        List<ScoreCostPlot.Point> points = new ArrayList<>();
        for (Suite suite : model.suites()) {
            for (Row row : suite.rows()) {
                var arm = row.arm();
                if (arm == null || arm.n() == 0) {
                    continue;
                }
                double cost = tokens ? (double) arm.tokens() / arm.n() : arm.modelSeconds() / arm.n();
                points.add(new ScoreCostPlot.Point(
                        suite.title(), row.name(), cost, arm.mean(), arm.ciLow(), arm.ciHigh()));
            }
        }
        if (!points.isEmpty()) {
            html.append("<h2>Score against cost</h2>\n");
            String axis = tokens ? "tokens per item" : "model seconds per item";
            chart(html, () -> ScoreCostPlot.svg("score-cost", axis, points));
        }
    }

    /**
     * Places a chart; a chart that cannot be drawn (a JVM without any font, say) leaves a note and the
     * tables, which carry every number, rather than no report.
     */
    private static void chart(StringBuilder html, Supplier<String> svg) {
        String drawn;
        try {
            drawn = svg.get();
        } catch (RuntimeException | LinkageError | InternalError e) {
            html.append("<p class=\"note\">This chart could not be drawn here: ")
                    .append(Escape.html(e.toString()))
                    .append(". The tables give the same numbers.</p>\n");
            return;
        }
        html.append("<div class=\"chart\">\n").append(drawn).append("\n</div>\n");
    }

    private static void suite(StringBuilder html, Suite suite, int index) {
        html.append("<h2>Suite ").append(Escape.html(suite.title())).append("</h2>\n");
        html.append(
                "<table>\n<tr><th>arm</th><th>model</th><th>n</th><th>metric</th><th>score [95% CI]</th>"
                        + "<th>Δ vs baseline [95% CI]</th><th>p (adjusted)</th><th>verdict</th><th>tokens</th>"
                        + "<th>× baseline tokens</th><th>model s</th><th>$/1k</th><th>cache hits</th><th>not completed</th></tr>\n");
        for (Row row : suite.rows()) {
            row(html, row);
        }
        html.append("</table>\n");
        List<Row> compared =
                suite.rows().stream().filter(r -> r.comparison() != null).toList();
        if (!compared.isEmpty()) {
            html.append("<p class=\"note\">")
                    .append(Escape.html(MarkdownReport.method(compared)))
                    .append("</p>\n");
        }

        html.append("<h3>What this run could detect</h3>\n<ul>\n");
        for (Effect e : suite.effects()) {
            html.append("<li>")
                    .append(Escape.html(e.arm()))
                    .append(" vs ")
                    .append(Escape.html(e.baseline()))
                    .append(" (n = ")
                    .append(e.n())
                    .append("): ")
                    .append(Escape.html(e.sentence()))
                    .append("</li>\n");
        }
        if (suite.effects().isEmpty()) {
            html.append("<li>No comparison in this suite.</li>\n");
        }
        html.append("</ul>\n");

        if (suite.categories() != null) {
            categories(html, suite, index);
        }
        for (Regressions r : suite.regressions()) {
            regressions(html, r);
        }
    }

    /** The router's accuracy and its confusion matrix (rows: labels; the cells it got right marked). */
    private static void router(StringBuilder html, Router r) {
        html.append("<h2>").append(Escape.html(r.title())).append("</h2>\n");
        html.append("<p><strong>Routing accuracy:</strong> ")
                .append(Escape.html(r.accuracy()))
                .append("</p>\n");
        if (r.chosen().isEmpty()) {
            return;
        }
        html.append("<table>\n<tr><th>label \\ chosen</th>");
        r.chosen().forEach(c -> html.append("<th>").append(Escape.html(c)).append("</th>"));
        html.append("</tr>\n");
        for (String label : r.labels()) {
            html.append("<tr><td>").append(Escape.html(label)).append("</td>");
            for (String c : r.chosen()) {
                html.append(label.equals(c) ? "<td class=\"num hit\">" : "<td class=\"num\">")
                        .append(r.count(label, c))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static void row(StringBuilder html, Row row) {
        var arm = row.arm();
        var c = row.comparison();
        html.append("<tr><td>").append(Escape.html(row.name())).append("</td>");
        cell(html, arm == null ? "" : arm.model(), false);
        cell(html, String.valueOf(arm != null ? arm.n() : c.n()), true);
        cell(html, arm != null ? arm.metric() : c.metric(), false);
        cell(
                html,
                arm == null
                        ? "not in arms"
                        : Numbers.score(arm.mean()) + " " + Numbers.interval(arm.ciLow(), arm.ciHigh()),
                true);
        if (c == null) {
            cell(html, row.baseline() ? "baseline" : "", false);
            cell(html, "", false);
            cell(html, row.baseline() ? "baseline" : "no comparison", false);
        } else {
            cell(
                    html,
                    Numbers.delta(c.delta()) + " " + Numbers.signedInterval(c.ciLow(), c.ciHigh()) + " vs "
                            + c.baseline(),
                    true);
            cell(html, Numbers.p(c.pValue()) + " (" + Numbers.p(c.pAdjusted()) + ")", true);
            html.append("<td class=\"")
                    .append(verdictClass(c.verdict()))
                    .append("\">")
                    .append(verdictText(c.verdict()))
                    .append("</td>");
        }
        cell(html, arm == null ? "" : Numbers.count(arm.tokens()), true);
        cell(html, row.tokenRatio() == null ? "" : Numbers.ratio(row.tokenRatio()), true);
        cell(html, arm == null ? "" : Numbers.seconds(arm.modelSeconds()), true);
        cell(html, arm == null ? "" : Numbers.money(arm.costPer1k()), true);
        html.append(row.cacheHits() > 0 ? "<td class=\"cached\">" : "<td>")
                .append(Escape.html(Numbers.cache(row.cacheHits(), row.modelCalls())))
                .append("</td>");
        cell(html, MarkdownReport.notCompleted(row), false);
        html.append("</tr>\n");
    }

    private static void cell(StringBuilder html, String text, boolean numeric) {
        html.append(numeric ? "<td class=\"num\">" : "<td>")
                .append(Escape.html(text))
                .append("</td>");
    }

    private static String verdictClass(Verdict verdict) {
        return switch (verdict) {
            case BETTER -> "better";
            case WORSE -> "worse";
            case NO_DETECTABLE_DIFFERENCE -> "none";
        };
    }

    private static String verdictText(Verdict verdict) {
        return switch (verdict) {
            case BETTER -> "▲ better";
            case WORSE -> "▼ worse";
            case NO_DETECTABLE_DIFFERENCE -> "no detectable difference";
        };
    }

    private static void categories(StringBuilder html, Suite suite, int index) {
        Categories categories = suite.categories();
        html.append("<h3>Per category (")
                .append(Escape.html(categories.metric()))
                .append(")</h3>\n");
        List<CategoryBars.Bar> bars = new ArrayList<>();
        for (String category : categories.categories()) {
            for (String arm : categories.arms()) {
                ArmEstimate cell = categories.cells().get(arm).get(category);
                if (cell != null) {
                    bars.add(new CategoryBars.Bar(category, arm, cell.mean()));
                }
            }
        }
        chart(html, () -> CategoryBars.svg("categories-" + index, suite.title() + " by category", bars));
        html.append("<table>\n<tr><th>category</th>");
        for (String arm : categories.arms()) {
            html.append("<th>").append(Escape.html(arm)).append("</th>");
        }
        html.append("</tr>\n");
        for (String category : categories.categories()) {
            html.append("<tr><td>").append(Escape.html(category)).append("</td>");
            for (String arm : categories.arms()) {
                ArmEstimate cell = categories.cells().get(arm).get(category);
                cell(
                        html,
                        cell == null
                                ? ""
                                : Numbers.score(cell.mean()) + " "
                                        + Numbers.interval(
                                                cell.interval().low(),
                                                cell.interval().high()) + " (n " + cell.n() + ")",
                        true);
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n<p class=\"note\">Each cell: mean [95% CI] (n items); Wilson intervals for proportions,"
                        + " else a percentile bootstrap with ")
                .append(Numbers.count(categories.resampling().resamples()))
                .append(" resamples, seed ")
                .append(categories.resampling().seed())
                .append(".</p>\n");
    }

    private static void regressions(StringBuilder html, Regressions r) {
        html.append("<h3>Worst regressions: ")
                .append(Escape.html(r.arm()))
                .append(" vs ")
                .append(Escape.html(r.baseline()))
                .append("</h3>\n");
        html.append("<p>Of ")
                .append(r.paired())
                .append(" items scored on both, ")
                .append(Escape.html(r.arm()))
                .append(" scored lower on <strong class=\"worse\">")
                .append(r.lost())
                .append("</strong> and higher on ")
                .append(r.gained())
                .append(".</p>\n");
        if (r.worst().isEmpty()) {
            html.append("<p>No item regressed.</p>\n");
            return;
        }
        html.append("<table>\n<tr><th>item</th><th>category</th><th>baseline</th><th>arm</th><th>drop</th>"
                + "<th>arm's answer</th><th>gold</th><th>arm trace</th><th>baseline trace</th></tr>\n");
        for (Regression g : r.worst()) {
            html.append("<tr>");
            cell(html, g.itemId(), false);
            cell(html, g.category() == null ? "" : g.category(), false);
            cell(html, Numbers.score(g.baselineScore()), true);
            cell(html, Numbers.score(g.armScore()), true);
            cell(html, Numbers.score(g.drop()), true);
            cell(html, Text.shorten(g.armAnswer()), false);
            cell(html, Text.shorten(String.join(" / ", g.gold())), false);
            link(html, g.armTrace());
            link(html, g.baselineTrace());
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static void link(StringBuilder html, String trace) {
        html.append("<td>");
        if (trace != null) {
            TraceLinks.href(trace)
                    .ifPresentOrElse(
                            href -> html.append("<a href=\"")
                                    .append(Escape.html(href))
                                    .append("\">trace</a>"),
                            () -> html.append(Escape.html(trace))
                                    .append(" (not linked: not a path inside the run folder)"));
        }
        html.append("</td>");
    }
}
