package dev.noesis.cli.command;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.experiments.suite.catalog.SuiteSummary;
import dev.noesis.experiments.suite.catalog.Suites;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code noesis eval list}: the built-in suites, their sizes and metrics, and which data is missing. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = {
            "The built-in suites: items, metrics, what each sets up (documents for rag, facts for memory).",
            "A suite of your own is a .jsonl file, given by its path to `noesis eval run` (see the README)."
        })
public final class EvalListCommand implements Callable<Integer> {

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "The benchmark data folder (gsm8k/, hotpotqa/, ...). Default: noesis.eval.data-dir, else"
                    + " the first shared/data at or above the current folder.")
    Path data;

    private final CliContext env;

    public EvalListCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Suites suites = env.wiring().experiments().suites(Optional.ofNullable(data));
        env.out().printf("%-18s %7s  %-36s %-10s %s%n", "SUITE", "ITEMS", "METRICS", "SETUP", "WHAT IT ASKS");
        List<String> missing = new ArrayList<>();
        for (SuiteSummary s : suites.list()) {
            List<String> metrics = new ArrayList<>(s.metrics());
            metrics.addAll(s.corpusMetrics());
            String items =
                    s.items().isPresent() ? String.format("%,d", s.items().getAsInt()) : "-";
            env.out()
                    .printf(
                            "%-18s %7s  %-36s %-10s %s%n",
                            s.name(), items, String.join(",", metrics), s.setup(), s.description());
            s.problem().ifPresent(p -> missing.add(s.name() + ": " + p));
        }
        env.out().println();
        env.out().println("Data: " + suites.dataRoot());
        missing.forEach(m -> env.out().println("  not available: " + m));
        return ExitCodes.OK;
    }
}
