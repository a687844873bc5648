package dev.noesis.experiments.report.chart;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Per-category bars of one suite: for each category (e.g. a 2Wiki question type), one bar per arm
 * at its mean score on that category's items; the table beside it gives each bar's n and interval.
 */
public final class CategoryBars {

    /**
     * One bar.
     *
     * @param category the category
     * @param arm      the arm's name (unique within the suite)
     * @param mean     the arm's mean score on the category's items
     */
    public record Bar(String category, String arm, double mean) {}

    private CategoryBars() {}

    /** The chart as an SVG element; categories and arms keep the order of their first bar. */
    public static String svg(String id, String title, List<Bar> bars) {
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("a category chart needs at least one bar");
        }
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (Bar bar : bars) {
            dataset.addValue(bar.mean(), bar.arm(), bar.category());
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        NumberAxis score = new NumberAxis("mean score");
        score.setAutoRangeIncludesZero(true);
        CategoryPlot plot = new CategoryPlot(dataset, new CategoryAxis(null), score, renderer);
        // Horizontal bars leave category names room to be read.
        plot.setOrientation(PlotOrientation.HORIZONTAL);

        JFreeChart chart = SvgChart.styled(new JFreeChart(title, plot));
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        int rows = dataset.getRowCount() * dataset.getColumnCount();
        return SvgChart.render(id, chart, 760, 120 + 16 * rows + 10 * dataset.getColumnCount());
    }
}
