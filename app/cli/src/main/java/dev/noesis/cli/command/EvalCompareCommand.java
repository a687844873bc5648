package dev.noesis.cli.command;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.experiments.report.ExperimentResults;
import dev.noesis.experiments.run.RunComparison;
import dev.noesis.wiring.experiments.ExperimentCosts;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code noesis eval compare}: two runs of the same items, paired item by item. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compare two runs on the items both logged (B against A, arm by arm): paired differences with"
                    + " their intervals, exact or permutation p-values, Holm's correction and a verdict.",
            "For a change that needs two runs: another model, another version of a pipeline file."
        })
public final class EvalCompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_A", description = "The run compared against (the baseline).")
    Path a;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "The run that is compared.")
    Path b;

    private final CliContext env;

    public EvalCompareCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        ExperimentResults results =
                RunComparison.compare(a, b, ExperimentCosts.of(env.config().apply(Map.of())));
        EvalTables.print(env.out(), results);
        return ExitCodes.OK;
    }
}
