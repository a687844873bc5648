package dev.noesis.cli.command;

import dev.noesis.benchmarks.model.ModelBench;
import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.wiring.Models;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code noesis model bench}: the figures a hardware report needs. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure a model on this machine: load time, prompt ms/token, generation tokens/s and peak"
                + " memory, and Noesis's overhead over calling Jlama directly (both loops run in alternating rounds,"
                + " greedy, on the same prompt). Run it on a quiet machine, and compare figures from the same run.")
public final class BenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL", description = "A model folder, or the hub id of a model already downloaded.")
    String model;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Jlama threads. Default: noesis.threads, else Jlama's choice.")
    Integer threads;

    @Option(
            names = "--tokens",
            paramLabel = "N",
            defaultValue = "64",
            description = "New tokens per round. Default: ${DEFAULT-VALUE}.")
    int tokens;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            defaultValue = "3",
            description = "Measured rounds of each loop. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(
            names = "--structured",
            description = "Measure schema-constrained decoding instead: the one-time token tables,"
                    + " and generation speed under two schemas against unconstrained generation in the same rounds.")
    boolean structured;

    private final CliContext env;

    public BenchCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (tokens < 2 || rounds < 1) {
            throw new InvalidInputException("--tokens must be at least 2 and --rounds at least 1.");
        }
        Models models = env.wiring(keys -> {
                    if (threads != null) {
                        keys.put("noesis.threads", threads.toString());
                    }
                })
                .models();
        Path dir = models.localFolder(model, false);
        models.prepareJlama();
        if (structured) {
            return printStructured(ModelBench.runStructured(
                    dir,
                    new ModelBench.Options(tokens, rounds),
                    line -> env.err().println("  " + line)));
        }
        ModelBench.Report r = ModelBench.run(
                dir, new ModelBench.Options(tokens, rounds), line -> env.err().println("  " + line));
        env.out().println("model:               " + r.model());
        env.out().println("compute path:        " + r.computePath() + ", " + r.threads() + " threads");
        env.out().println("load:                " + r.loadMs() + " ms");
        env.out()
                .printf(
                        "prompt:              %d tokens, %.2f ms/token (Jlama directly: %.2f ms/token)%n",
                        r.promptTokens(), r.promptMsPerToken(), r.jlamaPromptMsPerToken());
        env.out()
                .printf(
                        "generation:          %.2f tokens/s (%d new tokens, median of %d rounds)%n",
                        r.tokensPerSecond(), r.newTokens(), rounds);
        env.out().printf("Jlama directly:      %.2f tokens/s%n", r.jlamaTokensPerSecond());
        env.out().printf("Noesis overhead:     %+.1f%% per generated token%n", r.overheadPercent());
        env.out()
                .println("peak memory:         "
                        + (r.peakRssBytes() < 0 ? "unknown" : String.format("%,d MB RSS", r.peakRssBytes() >> 20))
                        + String.format(", %,d MB heap in use", r.heapUsedBytes() >> 20));
        return ExitCodes.OK;
    }

    private int printStructured(ModelBench.StructuredReport r) {
        env.out()
                .printf(
                        "token tables:        %,d ms for %,d tokens (built once per model and process)%n",
                        r.tableMs(), r.vocabulary());
        env.out()
                .printf(
                        "unconstrained:       %.2f tokens/s (median of %d rounds, %d new tokens)%n",
                        r.plainTokensPerSecond(), rounds, tokens);
        for (ModelBench.Constrained c : java.util.List.of(r.text(), r.structure())) {
            env.out()
                    .printf(
                            "%-20s %.2f tokens/s, mask %.2f ms/step, cost %+.1f%% per token%n",
                            c.schema() + ":", c.tokensPerSecond(), c.maskMsPerStep(), c.costPercent());
        }
        return ExitCodes.OK;
    }
}
