package dev.noesis.cli.command.memory;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.memory.Neo4jMemory;
import dev.noesis.memory.consolidate.ConsolidationOptions;
import dev.noesis.memory.consolidate.ConsolidationReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code noesis memory consolidate}. */
@Command(
        name = "consolidate",
        mixinStandardHelpOptions = true,
        description = {
            "Tidy memory: merge duplicate concepts (same normalised name, or vectors at least --merge-similarity"
                    + " alike among the nearest the vector index proposes, and names that agree on their numbers, versions,"
                    + " ordinals and signs), decay the salience of what recall has not used, and archive (not delete) what"
                    + " falls below --archive-below. WordNet's synsets are left alone. Prints what changed, with the run's id.",
            "A merged concept is archived with a MERGED_INTO link, never deleted: --undo RUN puts that run's merges back.",
            "--dry-run prints what a run would do and changes nothing."
        })
public final class ConsolidateCommand implements Callable<Integer> {

    @Option(
            names = "--half-life",
            paramLabel = "DAYS",
            defaultValue = "30",
            description = "Days unused after which salience halves. Default: ${DEFAULT-VALUE}.")
    double halfLifeDays;

    @Option(
            names = "--archive-below",
            paramLabel = "S",
            defaultValue = "0.05",
            description = "Archive nodes whose salience falls below this. Default: ${DEFAULT-VALUE}.")
    double archiveBelow;

    @Option(
            names = "--merge-similarity",
            paramLabel = "COS",
            defaultValue = "0.95",
            description = "Cosine similarity from which two entity concepts merge. Default: ${DEFAULT-VALUE}.")
    double mergeSimilarity;

    @Option(names = "--dry-run", description = "Print what would be merged, decayed and archived; change nothing.")
    boolean dryRun;

    @Option(
            names = "--undo",
            paramLabel = "RUN",
            description = "Put back the merges of the consolidation run RUN (its id is"
                    + " printed by the run); nothing else is done.")
    String undo;

    /** A thousand years: longer is "never decay", which --half-life is not the way to say. */
    private static final double MAX_HALF_LIFE_DAYS = 365_000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CliContext env;

    public ConsolidateCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (undo != null) {
            if (dryRun) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--undo and --dry-run do not go together");
            }
            try (Neo4jMemory memory = env.wiring().memory().open()) {
                int undone = memory.undoConsolidation(undo);
                env.out()
                        .printf(
                                Locale.ROOT,
                                "Undid %,d merge%s of consolidation run %s: the merged concepts are current"
                                        + " again, with their edges and facts.%n",
                                undone,
                                undone == 1 ? "" : "s",
                                undo);
            }
            return ExitCodes.OK;
        }
        if (!(halfLifeDays > 0 && halfLifeDays <= MAX_HALF_LIFE_DAYS)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--half-life must be more than 0 and at most " + MAX_HALF_LIFE_DAYS + " days, got " + halfLifeDays);
        }
        ConsolidationOptions options;
        try {
            options = new ConsolidationOptions(
                    Duration.ofSeconds(Math.round(halfLifeDays * 86_400)),
                    archiveBelow,
                    mergeSimilarity,
                    ConsolidationOptions.DEFAULTS.neighbours(),
                    Set.of("synset"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Consolidation options: " + e.getMessage() + ".");
        }
        try (Neo4jMemory memory = env.wiring().memory().open()) {
            ConsolidationReport r = dryRun
                    ? memory.planConsolidation(options, Instant.now())
                    : memory.consolidate(options, Instant.now());
            if (r.dryRun()) {
                env.out()
                        .printf(
                                Locale.ROOT,
                                "Dry run, nothing changed: would merge %,d duplicate concept%s, decay %,d node%s,"
                                        + " archive %,d.%n",
                                r.merges().size(),
                                r.merges().size() == 1 ? "" : "s",
                                r.decayed(),
                                r.decayed() == 1 ? "" : "s",
                                r.archived());
            } else {
                env.out()
                        .printf(
                                Locale.ROOT,
                                "Merged %,d duplicate concept%s, decayed %,d node%s, archived %,d (run %s).%n",
                                r.merges().size(),
                                r.merges().size() == 1 ? "" : "s",
                                r.decayed(),
                                r.decayed() == 1 ? "" : "s",
                                r.archived(),
                                r.run());
                if (!r.merges().isEmpty()) {
                    env.out()
                            .println("Merged concepts are archived, not deleted: `noesis memory consolidate --undo "
                                    + r.run() + "` puts them back.");
                }
            }
            r.merges().stream()
                    .limit(20)
                    .forEach(m -> env.out().println("  " + m.removed() + " -> " + m.kept() + " (" + m.reason() + ")"));
            if (r.merges().size() > 20) {
                env.out().println("  ... and " + (r.merges().size() - 20) + " more");
            }
        }
        return ExitCodes.OK;
    }
}
