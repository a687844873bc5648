package dev.noesis.experiments.report.chart;

import dev.noesis.experiments.stats.Verdict;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.XIntervalSeries;
import org.jfree.data.xy.XIntervalSeriesCollection;

/**
 * A forest plot: one row per comparison, its paired difference (arm minus baseline) as a point with
 * its 95% interval as a whisker, and a line at zero, so that an interval crossing zero reads as "no
 * detectable difference" at a glance and a loss sits as visibly left of the line as a gain right of it.
 */
public final class ForestPlot {

    /**
     * One comparison.
     *
     * @param label   what the row is, e.g. {@code gsm8k: rag vs raw}
     * @param delta   the paired difference
     * @param low     its interval's lower bound
     * @param high    its upper bound
     * @param verdict the comparison's verdict, which colours the row
     */
    public record Row(String label, double delta, double low, double high, Verdict verdict) {}

    private static final Map<Verdict, Color> COLOURS = Map.of(
            Verdict.BETTER,
            SvgChart.BETTER,
            Verdict.WORSE,
            SvgChart.WORSE,
            Verdict.NO_DETECTABLE_DIFFERENCE,
            SvgChart.NEUTRAL);

    private ForestPlot() {}

    /** The plot as an SVG element; rows are drawn top to bottom in the order given. */
    public static String svg(String id, List<Row> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a forest plot needs at least one comparison");
        }
        String[] labels = new String[rows.size()];
        XIntervalSeriesCollection dataset = new XIntervalSeriesCollection();
        XYErrorRenderer renderer = new XYErrorRenderer();
        for (Verdict verdict : Verdict.values()) {
            XIntervalSeries series = new XIntervalSeries(verdict.label());
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                // The first row at the top: the axis counts upwards.
                int y = rows.size() - 1 - i;
                labels[y] = row.label();
                if (row.verdict() == verdict) {
                    series.add(row.delta(), row.low(), row.high(), y);
                }
            }
            if (series.getItemCount() > 0) {
                dataset.addSeries(series);
            }
        }
        renderer.setDrawXError(true);
        renderer.setDrawYError(false);
        renderer.setDefaultLinesVisible(false);
        renderer.setDefaultShapesVisible(true);
        renderer.setErrorStroke(new BasicStroke(2f));
        renderer.setCapLength(8);

        NumberAxis difference = new NumberAxis("difference, arm − baseline (95% CI)");
        difference.setAutoRangeIncludesZero(true);
        SymbolAxis comparisons = new SymbolAxis(null, labels);
        comparisons.setGridBandsVisible(false);
        XYPlot plot = new XYPlot(dataset, difference, comparisons, renderer);
        plot.setDomainGridlinePaint(SvgChart.GRID);
        plot.setRangeGridlinesVisible(false);
        ValueMarker zero = new ValueMarker(0.0, Color.BLACK, new BasicStroke(1.2f));
        plot.addDomainMarker(zero);

        JFreeChart chart = SvgChart.styled(new JFreeChart("Paired differences against the baseline", plot));
        for (int s = 0; s < dataset.getSeriesCount(); s++) {
            renderer.setSeriesPaint(s, COLOURS.get(Verdict.fromLabel((String) dataset.getSeriesKey(s))));
        }
        return SvgChart.render(id, chart, 760, 110 + 34 * rows.size());
    }
}
