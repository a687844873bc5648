/**
 * The report's charts: a forest plot of paired differences, score against cost, and per-category
 * bars, drawn by JFreeChart and written as inline SVG by Apache Batik's SVG generator.
 *
 * <p>Each chart takes plain values (labels and numbers) and returns an SVG element as text, so this
 * package knows nothing of results or logs; it imports JFreeChart, Batik's svggen, the JDK's XML DOM, the JDK's AWT geometry
 * and {@code stats.Verdict} (which colours a comparison) only, and never opens a window (the report runs with {@code java.awt.headless=true}).
 */
package dev.noesis.experiments.report.chart;
