package dev.noesis.cli.command.lab;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.experiments.report.ArmResult;
import dev.noesis.experiments.report.ComparisonResult;
import dev.noesis.experiments.report.ExperimentResults;
import dev.noesis.wiring.Wiring;
import dev.noesis.wiring.experiments.LabExperiment;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code noesis lab run DIR}. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "The lab experiment: the world's questions (held out and trained, as user suites in DIR/suites) through"
                    + " raw and rag (and memory-augmented with --memory) on the trained model DIR/model, paired"
                    + " against raw by the experiment harness, with the lab's templates in force; then the same on a"
                    + " random-weight model of the same shape (DIR/control), where no gain can be real.",
            "Results, report.md and report.html go to DIR/results; the same command resumes a stopped run."
        })
public final class RunCommand implements Callable<Integer> {

    @Parameters(
            paramLabel = "DIR",
            description = "A folder written by `noesis lab world` and trained by `noesis lab train`.")
    Path dir;

    @Option(
            names = "--memory",
            description = "Run memory-augmented too (starts a local Neo4j for the world's triples).")
    boolean memory;

    @Option(names = "--no-control", description = "Leave out the random-weight control model.")
    boolean noControl;

    @Option(
            names = "--categories",
            split = ",",
            paramLabel = "C",
            description = "Question categories to keep (1-hop, 2-hop, comparison, arithmetic). Default: all.")
    List<String> categories;

    @Option(names = "--no-cache", description = "Send every model call to the model.")
    boolean noCache;

    private final CliContext env;

    public RunCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Wiring wiring = env.wiring();
        LabExperiment.RunOutcome outcome = new LabExperiment(wiring.config(), wiring.notices())
                .run(
                        dir,
                        new LabExperiment.RunRequest(
                                memory, !noControl, categories == null ? List.of() : categories, !noCache),
                        env.config());
        if (outcome.results().isEmpty()) {
            env.err().println("Stopped before every item ran; the same command resumes.");
            return ExitCodes.STOPPED_EARLY;
        }
        ExperimentResults results = outcome.results().get();
        for (ArmResult a : results.arms()) {
            env.out()
                    .printf(
                            Locale.ROOT,
                            "%-14s %-18s %-40s n=%d %s %.3f [%.3f, %.3f]%n",
                            a.suite(),
                            a.pipeline(),
                            a.model(),
                            a.n(),
                            a.metric(),
                            a.mean(),
                            a.ciLow(),
                            a.ciHigh());
        }
        for (ComparisonResult c : results.comparisons()) {
            env.out()
                    .printf(
                            Locale.ROOT,
                            "%-14s %s vs %s: delta %+.3f [%+.3f, %+.3f], p %.2g (Holm %.2g): %s%n",
                            c.suite(),
                            c.arm(),
                            c.baseline(),
                            c.delta(),
                            c.ciLow(),
                            c.ciHigh(),
                            c.pValue(),
                            c.pAdjusted(),
                            c.verdict());
        }
        env.out()
                .println("Results: " + outcome.folder().resolve("results.json") + ", report: "
                        + outcome.folder().resolve("report.html"));
        return ExitCodes.OK;
    }
}
