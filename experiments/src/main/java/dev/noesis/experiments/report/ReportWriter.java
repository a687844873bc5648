package dev.noesis.experiments.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.experiments.log.DurableFiles;
import dev.noesis.experiments.log.ItemLogReader;
import dev.noesis.experiments.log.ItemRecord;
import dev.noesis.experiments.log.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes an experiment's report into its run folder: {@code report.md} and a self-contained
 * {@code report.html} with charts, from {@code results.json} and the per-item log alone, so that
 * {@code noesis eval report RUN_DIR} rebuilds the same report at any time. Each file is replaced
 * atomically: a reader sees the old report or the new one, never half of one.
 *
 * <p>The report writes no clock time and no absolute path, so the same results and log give the same
 * bytes (a cached re-run can be checked against its first run by comparing files).
 */
public final class ReportWriter {

    /** The Markdown report's file name in the run folder. */
    public static final String MARKDOWN = "report.md";

    /** The HTML report's file name in the run folder. */
    public static final String HTML = "report.html";

    /** The results' file name in the run folder. */
    public static final String RESULTS = "results.json";

    /** Names are only ever added within a format version, so fields this version does not know are skipped. */
    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReportWriter() {}

    /**
     * Builds both reports and writes them into {@code runDir}.
     *
     * @param runDir  the run folder (which holds {@code items.jsonl} and the traces the report links to)
     * @param results the run's results
     * @param items   the run's item records, as {@link dev.noesis.experiments.log.ItemLogReader} read them
     * @return where the two files are
     */
    public static ReportFiles write(Path runDir, ExperimentResults results, List<ItemRecord> items) {
        if (!Files.isDirectory(runDir)) {
            throw new InvalidInputException("The run folder " + runDir + " does not exist or is not a folder.");
        }
        ReportModel model = ReportModel.of(results, items);
        Path markdown = runDir.resolve(MARKDOWN);
        Path html = runDir.resolve(HTML);
        write(markdown, MarkdownReport.render(model));
        write(html, renderHtml(model));
        return new ReportFiles(markdown, html);
    }

    /**
     * Rebuilds the report of a run folder from its {@code results.json} and {@code items.jsonl} alone
     * (what {@code noesis eval report RUN_DIR} does).
     *
     * @throws InvalidInputException when the folder holds no results, results of another format, or a
     *     log line that is not a record
     */
    public static ReportFiles rebuild(Path runDir) {
        Path file = runDir.resolve(RESULTS);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(
                    runDir + " holds no " + RESULTS + ": it is not the folder of a finished run.");
        }
        ExperimentResults results;
        try {
            results = JSON.readValue(file.toFile(), ExperimentResults.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": not a results file: " + e.getOriginalMessage() + ".", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " could not be read: " + e.getMessage(), e);
        }
        if (!ExperimentResults.FORMAT.equals(results.format())) {
            throw new InvalidInputException(file + " is in the format '" + results.format() + "'; this version reads '"
                    + ExperimentResults.FORMAT + "'.");
        }
        List<ItemRecord> items =
                ItemLogReader.read(runDir.resolve(RunDirectory.ITEMS)).records();
        return write(runDir, results, items);
    }

    /** {@code report.md} as text, without writing it. */
    public static String markdown(ExperimentResults results, List<ItemRecord> items) {
        return MarkdownReport.render(ReportModel.of(results, items));
    }

    /** {@code report.html} as text, without writing it. */
    public static String html(ExperimentResults results, List<ItemRecord> items) {
        return renderHtml(ReportModel.of(results, items));
    }

    private static String renderHtml(ReportModel model) {
        // Charts use AWT's fonts and geometry only; a report must never try to open a display (and on
        // macOS a non-headless AWT would put an icon in the dock). An explicit setting is left alone.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        return HtmlReport.render(model);
    }

    private static void write(Path file, String text) {
        try {
            DurableFiles.writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("The report " + file + " could not be written: " + e.getMessage(), e);
        }
    }
}
