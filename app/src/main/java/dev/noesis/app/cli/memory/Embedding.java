package dev.noesis.app.cli.memory;

import dev.noesis.app.cli.Progress;
import dev.noesis.memory.Neo4jMemory;
import dev.noesis.memory.embed.EmbeddingStage;
import java.io.PrintStream;
import java.util.Locale;

/** Runs the embedding stage with a progress bar and says what it did. */
final class Embedding {

    private Embedding() {}

    static EmbeddingStage.Report run(Neo4jMemory memory, int batch, PrintStream out, PrintStream err) {
        EmbeddingStage stage = memory.embeddingStage(batch).orElseThrow();
        String embedder = memory.embedder().orElseThrow().name();
        EmbeddingStage.Report report;
        try (Progress.Counter bar = Progress.count(err, "Embedding")) {
            report = stage.run((done, total) -> bar.update("nodes", done, total));
        }
        if (report.embedded() == 0) {
            out.println("Embedding: every node already has a vector (" + embedder + ").");
        } else {
            out.printf(Locale.ROOT, "Embedded %,d nodes with %s in %.1f s (%,.0f per second).%n", report.embedded(), embedder,
                    report.elapsed().toNanos() / 1e9, report.perSecond());
        }
        return report;
    }
}
