package dev.noesis.cli.command.memory;

import dev.noesis.memory.Neo4jMemory;
import dev.noesis.memory.embed.EmbeddingStage;
import dev.noesis.wiring.MemoryAccess;
import java.io.PrintStream;
import java.util.Locale;

/** Runs the embedding stage (progress on standard error) and says what it did. */
final class Embedding {

    private Embedding() {}

    static EmbeddingStage.Report run(MemoryAccess access, Neo4jMemory memory, int batch, PrintStream out) {
        String embedder = memory.embedder().orElseThrow().name();
        EmbeddingStage.Report report = access.embedMissing(memory, batch);
        if (report.embedded() == 0) {
            out.println("Embedding: every node already has a vector (" + embedder + ").");
        } else {
            out.printf(
                    Locale.ROOT,
                    "Embedded %,d nodes with %s in %.1f s (%,.0f per second).%n",
                    report.embedded(),
                    embedder,
                    report.elapsed().toNanos() / 1e9,
                    report.perSecond());
        }
        return report;
    }
}
