package dev.noesis.experiments.report.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.Plot;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Draws a JFreeChart onto JFreeSVG's {@link SVGGraphics2D} and returns the {@code <svg>} element, to
 * be placed inline in an HTML page.
 *
 * <p>The element's ids are prefixed with the chart's own id: JFreeSVG otherwise derives them from the
 * clock, which would make two charts of one page collide on a clip path by chance and make two builds
 * of the same report differ.
 */
public final class SvgChart {

    /** The font every chart uses: a logical family, so that no font file has to exist under a name. */
    static final String FONT_FAMILY = Font.SANS_SERIF;

    private SvgChart() {}

    /**
     * The chart as an SVG element that scales with the page (a view box of its drawing size).
     *
     * @param id     the element's id, letters, digits and dashes only (it also prefixes the ids inside)
     * @param chart  the chart
     * @param width  the drawing's width in pixels
     * @param height its height
     */
    public static String render(String id, JFreeChart chart, int width, int height) {
        if (!id.matches("[A-Za-z][A-Za-z0-9-]*")) {
            throw new IllegalArgumentException(
                    "a chart id is letters, digits and dashes, starting with a letter: " + id);
        }
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setDefsKeyPrefix(id + "-");
        chart.draw(g2, new Rectangle(0, 0, width, height));
        return g2.getSVGElement(id, true, new ViewBox(0, 0, width, height), null, null);
    }

    /**
     * The look all report charts share: white, no border, every text in one logical sans-serif font,
     * series in {@link #PALETTE}. It replaces series colours, so a chart sets its own after this.
     */
    static JFreeChart styled(JFreeChart chart) {
        StandardChartTheme theme = new StandardChartTheme("noesis-report");
        theme.setExtraLargeFont(new Font(FONT_FAMILY, Font.BOLD, 15));
        theme.setLargeFont(new Font(FONT_FAMILY, Font.BOLD, 13));
        theme.setRegularFont(new Font(FONT_FAMILY, Font.PLAIN, 12));
        theme.setSmallFont(new Font(FONT_FAMILY, Font.PLAIN, 10));
        theme.setDrawingSupplier(new DefaultDrawingSupplier(
                PALETTE,
                DefaultDrawingSupplier.DEFAULT_FILL_PAINT_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_OUTLINE_PAINT_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_STROKE_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_OUTLINE_STROKE_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE));
        theme.apply(chart);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setBorderVisible(false);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        return chart;
    }

    /**
     * Series colours that colour-blind readers can tell apart (Okabe and Ito's palette, yellow left
     * out: it vanishes on white).
     */
    static final Paint[] PALETTE = {
        new Color(0x0072b2),
        new Color(0xe69f00),
        new Color(0x009e73),
        new Color(0xcc79a7),
        new Color(0x56b4e9),
        new Color(0xd55e00),
        new Color(0x000000)
    };

    /** Colours by verdict, the same in every chart and in the page's tables. */
    static final Color BETTER = new Color(0x1a7f37);

    static final Color WORSE = new Color(0xcf222e);
    static final Color NEUTRAL = new Color(0x57606a);
    static final Color GRID = new Color(0xd0d7de);
}
