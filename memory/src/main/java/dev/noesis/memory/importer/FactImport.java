package dev.noesis.memory.importer;

import dev.noesis.core.memory.WriteReport;
import java.time.Duration;
import java.util.List;

/**
 * What an import of facts did.
 *
 * @param read     facts read from the input
 * @param writes   what writing them changed
 * @param problems lines (or entries) skipped, each with its line number and reason
 */
public record FactImport(long read, WriteReport writes, List<ImportProblem> problems, Duration elapsed) {

    public FactImport {
        problems = List.copyOf(problems);
    }
}
