package dev.noesis.experiments.report.chart;

import java.awt.BasicStroke;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Score against cost: each arm at its cost per item (tokens or model seconds) and its mean score, with
 * the score's 95% interval as a vertical whisker, one colour per suite; so "+3 points for 5× the
 * tokens" is read off the picture, and whether the 3 points are more than noise too.
 */
public final class ScoreCostPlot {

    /**
     * One arm.
     *
     * @param suite the suite, one series per suite
     * @param label the arm's name, written beside its point
     * @param cost  its cost per item, on the axis the plot was asked for
     * @param mean  its mean score
     * @param low   the score interval's lower bound
     * @param high  its upper bound
     */
    public record Point(String suite, String label, double cost, double mean, double low, double high) {}

    private ScoreCostPlot() {}

    /**
     * The plot as an SVG element.
     *
     * @param costAxis the cost axis' label, e.g. {@code tokens per item}
     */
    public static String svg(String id, String costAxis, List<Point> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a score-against-cost plot needs at least one arm");
        }
        Map<String, YIntervalSeries> bySuite = new LinkedHashMap<>();
        Map<String, List<String>> labels = new LinkedHashMap<>();
        for (Point p : points) {
            bySuite.computeIfAbsent(p.suite(), s -> new YIntervalSeries(s, false, true))
                    .add(p.cost(), p.mean(), p.low(), p.high());
            labels.computeIfAbsent(p.suite(), s -> new ArrayList<>()).add(p.label());
        }
        YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
        List<List<String>> labelsBySeries = new ArrayList<>();
        for (Map.Entry<String, YIntervalSeries> e : bySuite.entrySet()) {
            dataset.addSeries(e.getValue());
            labelsBySeries.add(labels.get(e.getKey()));
        }
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDrawYError(true);
        renderer.setDefaultLinesVisible(false);
        renderer.setDefaultShapesVisible(true);
        renderer.setErrorStroke(new BasicStroke(1.5f));
        renderer.setCapLength(8);
        // Series keep their points in insertion order (no auto-sort), so item i is the i-th label.
        renderer.setDefaultItemLabelGenerator(
                (data, series, item) -> labelsBySeries.get(series).get(item));
        renderer.setDefaultItemLabelsVisible(true);

        NumberAxis cost = new NumberAxis(costAxis);
        cost.setAutoRangeIncludesZero(true);
        // Room for the label of the rightmost point.
        cost.setUpperMargin(0.15);
        NumberAxis score = new NumberAxis("mean score (95% CI)");
        score.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(dataset, cost, score, renderer);

        JFreeChart chart = SvgChart.styled(new JFreeChart("Score against cost", plot));
        renderer.setDefaultItemLabelFont(new Font(SvgChart.FONT_FAMILY, Font.PLAIN, 11));
        return SvgChart.render(id, chart, 760, 420);
    }
}
