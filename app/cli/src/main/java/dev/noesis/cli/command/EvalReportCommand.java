package dev.noesis.cli.command;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.experiments.log.ItemLogReader;
import dev.noesis.experiments.log.RunDirectory;
import dev.noesis.experiments.report.ExperimentResults;
import dev.noesis.experiments.report.ReportFiles;
import dev.noesis.experiments.report.ReportWriter;
import dev.noesis.experiments.run.LoggedResults;
import dev.noesis.wiring.experiments.ExperimentCosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code noesis eval report}: results and report rebuilt from a run folder's log alone. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Rebuild results.json, report.md and report.html from a run folder's item log alone (also for a run"
                    + " that was stopped: the report then covers what was logged)."
        })
public final class EvalReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "The run folder (`noesis eval run` printed it).")
    Path folder;

    private final CliContext env;

    public EvalReportCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (!Files.isRegularFile(folder.resolve(RunDirectory.ITEMS))) {
            throw new InvalidInputException(
                    folder + " is not a run folder: it has no " + RunDirectory.ITEMS + " (an item log).");
        }
        ExperimentResults results =
                LoggedResults.write(folder, ExperimentCosts.of(env.config().apply(java.util.Map.of())));
        ReportFiles files = ReportWriter.write(
                folder,
                results,
                ItemLogReader.read(folder.resolve(RunDirectory.ITEMS)).records());
        EvalTables.print(env.out(), results);
        env.out().println();
        env.out().println("Report: " + files.html() + " and " + files.markdown());
        return ExitCodes.OK;
    }
}
