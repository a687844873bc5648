package dev.noesis.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.experiments.log.ItemRecord;
import dev.noesis.experiments.stats.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report shows every arm with its verdict (a loss as plainly as a gain), links regressions to traces, and stays self-contained. */
class ReportWriterTest {

    private static final String HOSTILE = "<script>alert(1)</script>";

    /** raw (baseline) right on even items; self-consistency also on i % 4 == 1; rag only on i % 4 == 0; critique-refine one item apart. */
    private static Experiments gsm8k() {
        return Experiments.of("gsm8k", 200)
                .arm("raw", i -> i % 2 == 0)
                .arm("self-consistency", i -> i % 2 == 0 || i % 4 == 1)
                .arm("rag", i -> i % 4 == 0)
                .arm("critique-refine", i -> (i % 2 == 0 && i != 0) || i == 1);
    }

    private static String line(String text, String start) {
        return text.lines()
                .filter(l -> l.startsWith(start))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + start + " in:\n" + text));
    }

    @Test
    void theMarkdownShowsEachArmWithItsVerdictAndALossAsWorse() {
        Experiments experiment = gsm8k();
        ExperimentResults results = experiment.results();
        assertThat(results.comparisons())
                .extracting(ComparisonResult::arm, ComparisonResult::verdict)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("self-consistency", Verdict.BETTER),
                        org.assertj.core.groups.Tuple.tuple("rag", Verdict.WORSE),
                        org.assertj.core.groups.Tuple.tuple(
                                "critique-refine".replace("\\", ""), Verdict.NO_DETECTABLE_DIFFERENCE));

        String md = ReportWriter.markdown(results, experiment.items());

        assertThat(line(md, "| raw |")).contains("baseline").contains("0.500");
        assertThat(line(md, "| self-consistency |")).contains("▲ better").contains("+0.250");
        assertThat(line(md, "| rag |")).contains("▼ worse").contains("-0.250").doesNotContain("better");
        assertThat(line(md, "| critique-refine |")).contains("no detectable difference");
        assertThat(md).contains("## Suite gsm8k").contains("## Config").contains("\"limit\" : 200");
        // Costs beside accuracy: rag used 3× the baseline's tokens per item (300 + 10 against 100 + 10).
        assertThat(line(md, "| rag |")).contains(String.format(java.util.Locale.ROOT, "%.2f×", 310.0 / 110));
    }

    @Test
    void theMinimumDetectableEffectAndTheNArePrintedForEachComparison() {
        Experiments experiment = gsm8k();
        String md = ReportWriter.markdown(experiment.results(), experiment.items());

        // self-consistency disagrees with raw on 50 of 200 items: the measured rate.
        assertThat(md)
                .contains("self-consistency vs raw (n = 200)")
                .contains("can detect a difference of about")
                .contains("disagree on about 25% of items");
        assertThat(md).contains("rag vs raw (n = 200)").contains("critique-refine vs raw (n = 200)");
    }

    @Test
    void cacheHitsAreShownPlainly() {
        Experiments experiment = gsm8k().cached("rag");
        String md = ReportWriter.markdown(experiment.results(), experiment.items());
        String html = ReportWriter.html(experiment.results(), experiment.items());

        assertThat(line(md, "| rag |")).contains("**200 of 200 cached (100.0%)**");
        assertThat(line(md, "| raw |")).contains("0 of 200 (all fresh)");
        assertThat(md).contains("**Cache:** 200 of the 800 model calls (25.0%) were answered from the cache.");
        assertThat(html).contains("<p class=\"cached\"><strong>Cache:</strong> 200 of the 800 model calls");
        assertThat(html).contains("<td class=\"cached\">200 of 200 cached (100.0%)</td>");
    }

    @Test
    void regressionsAreTheItemsTheBaselineGotRightAndTheArmWrong_linkedToTheirTraces() {
        Experiments experiment = gsm8k();
        String md = ReportWriter.markdown(experiment.results(), experiment.items());
        String html = ReportWriter.html(experiment.results(), experiment.items());

        // rag loses every even item not divisible by 4: q2, q6, q10, ... (50 of them), in id order at equal drops.
        String section = md.substring(md.indexOf("### Worst regressions: rag vs raw"));
        assertThat(section).contains("rag scored lower on **50** and higher on 0");
        assertThat(line(section, "| q10 |"))
                .contains("[trace](rag/traces/item-10.json)")
                .contains("[trace](raw/traces/item-10.json)")
                .contains("wrong-10");
        assertThat(section.substring(
                        0, section.indexOf("\n### ", 5) < 0 ? section.length() : section.indexOf("\n### ", 5)))
                .doesNotContain("| q4 |");
        assertThat(html).contains("<a href=\"rag/traces/item-10.json\">trace</a>");
        long listed = Pattern.compile("^\\| q\\d+ \\|", Pattern.MULTILINE)
                .matcher(section.substring(0, section.indexOf("### Worst regressions: critique")))
                .results()
                .count();
        assertThat(listed).isEqualTo(ReportModel.WORST_REGRESSIONS);
    }

    @Test
    void aTracePathOutsideTheRunFolderIsShownButNotLinked() {
        Experiments experiment = gsm8k().traces(i -> i == 102 ? "../../../etc/passwd" : "t" + i + ".json");
        List<ItemRecord> items = experiment.items().stream()
                .map(r -> r.itemId().equals("q10") ? withTrace(r, "javascript:alert(1)") : r)
                .toList();
        String md = ReportWriter.markdown(experiment.results(), items);
        String html = ReportWriter.html(experiment.results(), items);

        assertThat(md).doesNotContain("](rag/../").doesNotContain("](javascript");
        assertThat(html).doesNotContain("href=\"rag/..").doesNotContain("href=\"javascript");
        assertThat(html).contains("javascript:alert(1) (not linked: not a path inside the run folder)");
        assertThat(html).contains("rag/../../../etc/passwd (not linked: not a path inside the run folder)");
        assertThat(md).contains("javascript\\:alert(1) (not linked: not a path inside the run folder)");
        assertThat(html).contains("<a href=\"rag/t106.json\">trace</a>");
    }

    private static ItemRecord withTrace(ItemRecord r, String trace) {
        return new ItemRecord(
                r.itemId(),
                r.configHash(),
                r.suite(),
                r.pipeline(),
                r.model(),
                r.params(),
                r.seed(),
                r.output(),
                r.extracted(),
                r.gold(),
                r.scores(),
                r.usage(),
                r.outcome(),
                r.error(),
                trace,
                r.category());
    }

    @Test
    void theHtmlLoadsNothingFromTheNetwork() {
        Experiments experiment = gsm8k().categories(i -> i % 3 == 0 ? "arithmetic" : "word problem");
        String html = ReportWriter.html(experiment.results(), experiment.items());

        // The only absolute URLs allowed are XML namespace names, which are identifiers, never fetched.
        Matcher url = Pattern.compile("(?i)https?://[^'\"\\s<>]*").matcher(html);
        int urls = 0;
        while (url.find()) {
            urls++;
            assertThat(url.group()).isIn("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink");
            String before = html.substring(Math.max(0, url.start() - 40), url.start());
            assertThat(before)
                    .as("an absolute URL outside a namespace declaration at offset " + url.start())
                    .containsPattern("xmlns(:[a-z]+)?=['\"]$");
        }
        assertThat(urls).as("the SVG namespace, at least").isPositive();
        assertThat(html).doesNotContainPattern("(?i)<script|<link|<img|<iframe|@import|src=");
        // References inside the SVGs (clip paths) are to fragments of the page itself.
        assertThat(Pattern.compile("url\\((?!#)").matcher(html).find()).isFalse();
        assertThat(Pattern.compile("href=\"(?![a-z0-9._~%/-]+\")", Pattern.CASE_INSENSITIVE)
                        .matcher(html)
                        .find())
                .as("every link is a plain relative path")
                .isFalse();
        assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'");
    }

    @Test
    void theHtmlHasAnSvgForEachChart() {
        Experiments experiment = gsm8k().categories(i -> i % 3 == 0 ? "arithmetic" : "word problem");
        String html = ReportWriter.html(experiment.results(), experiment.items());

        assertThat(html)
                .containsPattern("<svg[^>]* id=\"forest-plot\"")
                .containsPattern("<svg[^>]* id=\"score-cost\"")
                .containsPattern("<svg[^>]* id=\"categories-0\"");
        assertThat(Pattern.compile("<svg[ >]").matcher(html).results().count()).isEqualTo(3);
        assertThat(Pattern.compile("</svg>").matcher(html).results().count()).isEqualTo(3);
        assertThat(html).doesNotContain("could not be drawn");
        // Every comparison is a row of the forest plot.
        assertThat(html)
                .contains("gsm8k: rag vs raw", "gsm8k: self-consistency vs raw", "gsm8k: critique-refine vs raw");
    }

    @Test
    void aHostilePipelineNameItemIdAndCategoryAreShownAsText() {
        Experiments experiment = Experiments.of("gsm8k", 60)
                .arm("raw", i -> i % 2 == 0)
                .arm(HOSTILE, i -> i % 4 == 0)
                .itemIds(i -> i == 2 ? HOSTILE : "q" + i)
                .categories(i -> i % 2 == 0 ? HOSTILE : "plain");
        String html = ReportWriter.html(experiment.results(), experiment.items());
        String md = ReportWriter.markdown(experiment.results(), experiment.items());

        assertThat(html).doesNotContainIgnoringCase("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(md).doesNotContainIgnoringCase("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        // The item id is listed among the regressions, escaped.
        assertThat(md).contains("| &lt;script&gt;alert(1)&lt;/script&gt; | &lt;script&gt;");
    }

    @Test
    void theRouterSectionShowsItsAccuracyAndConfusionMatrixInBothReports() {
        Experiments experiment = gsm8k();
        RouterResult router = RouterResult.of(
                "gsm8k",
                "raw +router",
                java.util.Map.of("q1", "legal", "q2", "legal", "q3", "cooking", "q4", HOSTILE),
                java.util.Map.of("q1", "legal", "q2", "base", "q3", "cooking", "q4", "legal"));
        ExperimentResults results = experiment.results().withRouter(List.of(router));

        String md = ReportWriter.markdown(results, experiment.items());
        // The title is Markdown-escaped like every value from data.
        assertThat(md).contains("## Router raw \\+router on gsm8k\n\n");
        assertThat(md).contains("**Routing accuracy:** 2 of 4 labelled items routed to their label (50.0%).");
        // Rows are the labels, columns every adapter chosen, both in name order.
        assertThat(line(md, "| label \\ chosen |")).isEqualTo("| label \\ chosen | base | cooking | legal |");
        assertThat(line(md, "| &lt;script&gt;")).endsWith(" | 0 | 0 | 1 |");
        assertThat(line(md, "| cooking |")).isEqualTo("| cooking | 0 | 1 | 0 |");
        assertThat(line(md, "| legal |")).isEqualTo("| legal | 1 | 0 | 1 |");

        String html = ReportWriter.html(results, experiment.items());
        assertThat(html).contains("<h2>Router raw +router on gsm8k</h2>");
        assertThat(html)
                .contains("<strong>Routing accuracy:</strong> 2 of 4 labelled items routed to their label (50.0%).");
        assertThat(html)
                .contains("<tr><th>label \\ chosen</th><th>base</th><th>cooking</th><th>legal</th></tr>")
                .contains("<tr><td>cooking</td><td class=\"num\">0</td><td class=\"num hit\">1</td>"
                        + "<td class=\"num\">0</td></tr>")
                .contains("<tr><td>legal</td><td class=\"num\">1</td><td class=\"num\">0</td>"
                        + "<td class=\"num hit\">1</td></tr>")
                .contains("<tr><td>&lt;script&gt;alert(1)&lt;/script&gt;</td>")
                .doesNotContainIgnoringCase("<script");
        // The section comes after the suites, before the config, in both.
        assertThat(html.indexOf("<h2>Router")).isBetween(html.indexOf("<h2>Suite"), html.indexOf("<h2>Config"));
        assertThat(md.indexOf("## Router")).isBetween(md.indexOf("## Suite"), md.indexOf("## Config"));
    }

    @Test
    void withoutARouterNeitherReportHasTheSection() {
        Experiments experiment = gsm8k();
        assertThat(ReportWriter.markdown(experiment.results(), experiment.items()))
                .doesNotContain("Router");
        assertThat(ReportWriter.html(experiment.results(), experiment.items())).doesNotContain("Router");
    }

    @Test
    void theConfigCannotCloseItsCodeBlock() throws Exception {
        Experiments experiment = gsm8k();
        ExperimentResults plain = experiment.results();
        var config =
                (com.fasterxml.jackson.databind.node.ObjectNode) plain.config().deepCopy();
        config.put("notes", "```\n# injected heading\n```");
        ExperimentResults results = ExperimentResults.of(config, plain.arms(), plain.comparisons());
        String md = ReportWriter.markdown(results, experiment.items());

        String block = md.substring(md.indexOf("## Config"));
        assertThat(block).contains("````json\n").endsWith("\n````\n");
    }

    @Test
    void thePerCategorySectionAppearsOnlyWhenItemsHaveCategories() {
        Experiments without = gsm8k();
        Experiments with = gsm8k().categories(i -> i % 3 == 0 ? "arithmetic" : "word problem");

        String mdWithout = ReportWriter.markdown(without.results(), without.items());
        String htmlWithout = ReportWriter.html(without.results(), without.items());
        assertThat(mdWithout).doesNotContain("Per category");
        assertThat(htmlWithout).doesNotContain("Per category").doesNotContainPattern("id=\"categories-");

        String mdWith = ReportWriter.markdown(with.results(), with.items());
        assertThat(mdWith).contains("### Per category (em)");
        // raw is right on even items: of the 67 multiples of 3 below 200, 34 are even.
        assertThat(line(mdWith, "| arithmetic |"))
                .startsWith("| arithmetic | " + String.format(java.util.Locale.ROOT, "%.3f", 34.0 / 67));
        assertThat(line(mdWith, "| word problem |")).contains("(n 133)");
    }

    @Test
    void writeReplacesBothFilesInTheRunFolderAndTheSameInputsGiveTheSameBytes(@TempDir Path runDir) throws Exception {
        Experiments experiment = gsm8k().categories(i -> i % 2 == 0 ? "a" : "b");
        ExperimentResults results = experiment.results();
        List<ItemRecord> items = experiment.items();
        Files.writeString(runDir.resolve("report.md"), "stale");

        ReportFiles first = ReportWriter.write(runDir, results, items);
        byte[] md = Files.readAllBytes(first.markdown());
        byte[] html = Files.readAllBytes(first.html());
        ReportFiles second = ReportWriter.write(runDir, results, items);

        assertThat(first.markdown()).isEqualTo(runDir.resolve("report.md"));
        assertThat(first.html()).isEqualTo(runDir.resolve("report.html"));
        assertThat(new String(md, StandardCharsets.UTF_8)).isEqualTo(ReportWriter.markdown(results, items));
        assertThat(Files.readAllBytes(second.markdown())).isEqualTo(md);
        assertThat(Files.readAllBytes(second.html())).isEqualTo(html);
        try (var files = Files.list(runDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("report.md", "report.html");
        }
    }

    @Test
    void aRunFolderIsRebuiltFromItsResultsAndItsLogAlone(@TempDir Path runDir) throws Exception {
        Experiments experiment = gsm8k().cached("rag");
        ExperimentResults results = experiment.results();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        // A later writer of the same format may add fields; they are skipped.
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.valueToTree(results);
        tree.put("added_later", true);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.at("/arms/0")).put("energy_wh", 1.5);
        Files.writeString(runDir.resolve(ReportWriter.RESULTS), json.writeValueAsString(tree));
        StringBuilder log = new StringBuilder();
        for (ItemRecord r : experiment.items()) {
            log.append(json.writeValueAsString(r)).append('\n');
        }
        Files.writeString(runDir.resolve("items.jsonl"), log);

        ReportFiles files = ReportWriter.rebuild(runDir);

        assertThat(Files.readString(files.markdown())).isEqualTo(ReportWriter.markdown(results, experiment.items()));
        assertThat(Files.readString(files.html())).isEqualTo(ReportWriter.html(results, experiment.items()));
    }

    @Test
    void aFolderWithoutResultsOrWithResultsOfAnotherFormatIsRefusedWithItsPath(@TempDir Path runDir) throws Exception {
        assertThatThrownBy(() -> ReportWriter.rebuild(runDir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(runDir.toString())
                .hasMessageContaining("results.json");

        Files.writeString(
                runDir.resolve("results.json"),
                "{\"format\": \"noesis-results/9\", \"arms\": [], \"comparisons\": []}");
        assertThatThrownBy(() -> ReportWriter.rebuild(runDir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("noesis-results/9");

        Files.writeString(runDir.resolve("results.json"), "{\"format\": ");
        assertThatThrownBy(() -> ReportWriter.rebuild(runDir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a results file");
    }
}
