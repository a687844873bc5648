package dev.noesis.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.experiments.log.ItemLogReader;
import dev.noesis.experiments.log.ItemRecord;
import dev.noesis.experiments.log.RunDirectory;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement, not a timed assertion: how long {@code noesis eval report} takes for a run of
 * 10,000 logged items (read {@code items.jsonl}, build and write both reports), printed so that the
 * figure can be quoted (the goal is under 5 s). The assertions check that the report covers the whole
 * log, so that a fast but empty report cannot pass for a fast one.
 */
class ReportBuildTimeTest {

    private static final int ITEMS_PER_ARM = 2_500;

    @Test
    void aReportOfTenThousandLoggedItems(@TempDir Path runDir) throws Exception {
        Experiments experiment = Experiments.of("gsm8k", ITEMS_PER_ARM)
                .arm("raw", i -> i % 2 == 0)
                .arm("self-consistency", i -> i % 2 == 0 || i % 4 == 1)
                .arm("rag", i -> i % 4 == 0)
                .arm("critique-refine", i -> i % 3 != 0)
                .categories(i -> "type-" + (i % 5));
        ExperimentResults results = experiment.results();
        Path log = runDir.resolve(RunDirectory.ITEMS);
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter out = Files.newBufferedWriter(log)) {
            for (ItemRecord r : experiment.items()) {
                out.write(json.writeValueAsString(r));
                out.write('\n');
            }
        }

        long[] nanos = new long[4];
        ReportFiles files = null;
        for (int run = 0; run < nanos.length; run++) {
            long start = System.nanoTime();
            List<ItemRecord> items = ItemLogReader.read(log).records();
            files = ReportWriter.write(runDir, results, items);
            nanos[run] = System.nanoTime() - start;
        }
        long warm = Math.min(Math.min(nanos[1], nanos[2]), nanos[3]);
        System.out.printf(
                Locale.ROOT,
                "report build for %,d logged items: first in this JVM %.0f ms (classes, JIT and AWT fonts loading), then best of 3 %.0f ms%n",
                4 * ITEMS_PER_ARM,
                nanos[0] / 1e6,
                warm / 1e6);

        String md = Files.readString(files.markdown());
        assertThat(md).contains("10,000 item records in the log").contains("### Per category (em)");
        assertThat(md).contains("| type-4 |").contains("(n 500)");
        assertThat(Files.readString(files.html()))
                .containsPattern("<svg[^>]* id=\"forest-plot\"")
                .containsPattern("<svg[^>]* id=\"score-cost\"");
    }
}
