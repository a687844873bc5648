package dev.noesis.experiments.report.chart;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.io.StringWriter;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.batik.svggen.SVGCSSStyler;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.batik.svggen.SVGIDGenerator;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.Plot;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Draws a JFreeChart onto Apache Batik's SVG {@code Graphics2D} and returns the {@code <svg>}
 * element, to be placed inline in an HTML page. Batik (Apache-2.0) rather than JFreeSVG: JFreeSVG is
 * GPL-3.0, which this Apache-2.0 application keeps out of its process.
 *
 * <p>The element's ids are prefixed with the chart's own id, so that two charts of one page never
 * share a clip path's id, and are counted from one per chart, so that two builds of the same report
 * are the same bytes. Text stays text (searchable, selectable) and no font is embedded.
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
        Document document = newDocument();
        SVGGeneratorContext context = SVGGeneratorContext.createDefault(document);
        context.setIDGenerator(new PrefixedIds(id));
        context.setComment(null);
        context.setEmbeddedFontsOn(false);
        context.setPrecision(4);
        SVGGraphics2D g2 = new SVGGraphics2D(context, false);
        g2.setSVGCanvasSize(new Dimension(width, height));
        chart.draw(g2, new Rectangle(0, 0, width, height));
        Element root = g2.getRoot();
        root.setAttributeNS(null, "id", id);
        prefixIds(root, id);
        root.setAttributeNS(null, "viewBox", "0 0 " + width + " " + height);
        // Presentation attributes become style properties, as Batik's own writer does; the JDK's
        // serializer then writes the element alone (Batik's would add a DOCTYPE with a URL).
        SVGCSSStyler.style(root);
        return serialize(id, root);
    }

    /** Batik names one element {@code genericDefs} in every drawing; an HTML page needs its ids unique. */
    private static void prefixIds(Element root, String id) {
        NodeList all = root.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            String own = e.getAttribute("id");
            if (!own.isEmpty() && !own.startsWith(id + "-")) {
                e.setAttribute("id", id + "-" + own);
            }
        }
    }

    private static String serialize(String id, Element root) {
        StringWriter out = new StringWriter(32_768);
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.METHOD, "xml");
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            transformer.transform(new DOMSource(root), new StreamResult(out));
        } catch (TransformerException e) {
            throw new IllegalStateException("chart " + id + " could not be written as SVG: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().getDOMImplementation().createDocument(SVG_NAMESPACE, "svg", null);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("this JVM has no XML document builder: " + e.getMessage(), e);
        }
    }

    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    /** Batik's ids (clipPath1, ...), each behind the chart's id. */
    private static final class PrefixedIds extends SVGIDGenerator {
        private final String prefix;

        PrefixedIds(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public String generateID(String kind) {
            return super.generateID(prefix + "-" + kind);
        }
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
