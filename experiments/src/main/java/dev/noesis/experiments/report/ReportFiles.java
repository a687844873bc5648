package dev.noesis.experiments.report;

import java.nio.file.Path;

/**
 * The files a report was written to.
 *
 * @param markdown {@code report.md}
 * @param html     {@code report.html}, self-contained
 */
public record ReportFiles(Path markdown, Path html) {}
