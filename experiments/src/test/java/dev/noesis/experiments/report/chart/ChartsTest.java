package dev.noesis.experiments.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.experiments.stats.Verdict;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The charts are SVG elements drawn by JFreeChart: verdicts in their colours, labels as escaped text, ids of their own. */
class ChartsTest {

    private static final String WORSE = "rgb(207,34,46)";
    private static final String BETTER = "rgb(26,127,55)";

    @Test
    void theForestPlotDrawsALossInTheColourOfWorseAndAGainInTheColourOfBetter() {
        String loss = ForestPlot.svg(
                "loss", List.of(new ForestPlot.Row("gsm8k: rag vs raw", -0.2, -0.3, -0.1, Verdict.WORSE)));
        String gain =
                ForestPlot.svg("gain", List.of(new ForestPlot.Row("gsm8k: sc vs raw", 0.2, 0.1, 0.3, Verdict.BETTER)));

        assertThat(loss)
                .startsWith("<svg ")
                .containsPattern("^<svg[^>]* id=\"loss\"")
                .endsWith("</svg>")
                .contains(WORSE)
                .doesNotContain(BETTER);
        assertThat(gain).contains(BETTER).doesNotContain(WORSE);
        assertThat(loss).contains("gsm8k: rag vs raw").contains("difference, arm − baseline (95% CI)");
    }

    @Test
    void everyIdInsideAChartStartsWithTheChartsOwnId() {
        String svg = ForestPlot.svg(
                "forest", List.of(new ForestPlot.Row("a", 0.0, -0.1, 0.1, Verdict.NO_DETECTABLE_DIFFERENCE)));

        var ids = Pattern.compile("id=\"([^\"]*)\"")
                .matcher(svg)
                .results()
                .map(m -> m.group(1))
                .toList();
        assertThat(ids).hasSizeGreaterThan(1).allMatch(id -> id.startsWith("forest"));
    }

    @Test
    void labelsFromDataAreEscapedText() {
        String hostile = "<script>alert(1)</script>";
        String svg = ScoreCostPlot.svg(
                "cost", "tokens per item", List.of(new ScoreCostPlot.Point(hostile, hostile, 120, 0.5, 0.4, 0.6)));
        String bars = CategoryBars.svg("bars", hostile, List.of(new CategoryBars.Bar(hostile, hostile, 0.5)));

        assertThat(svg).doesNotContain("<script").contains("&lt;script&gt;");
        assertThat(bars).doesNotContain("<script").contains("&lt;script&gt;");
    }

    @Test
    void scoreAgainstCostWritesEachArmBesideItsPoint() {
        String svg = ScoreCostPlot.svg(
                "cost",
                "model seconds per item",
                List.of(
                        new ScoreCostPlot.Point("gsm8k", "raw", 1.0, 0.5, 0.4, 0.6),
                        new ScoreCostPlot.Point("gsm8k", "self-consistency", 5.1, 0.55, 0.45, 0.65),
                        new ScoreCostPlot.Point("hotpotqa", "rag", 2.0, 0.3, 0.2, 0.4)));

        assertThat(svg)
                .contains(">raw<", ">self-consistency<", ">rag<", ">gsm8k<", ">hotpotqa<", "model seconds per item");
    }

    @Test
    void aChartIdMustBeSafeInAnAttributeAndEmptyChartsAreRefused() {
        assertThatThrownBy(
                        () -> ForestPlot.svg("a' onload='x", List.of(new ForestPlot.Row("a", 0, 0, 0, Verdict.BETTER))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a chart id");
        assertThatThrownBy(() -> ForestPlot.svg("f", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScoreCostPlot.svg("s", "tokens", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CategoryBars.svg("c", "t", List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
