package dev.noesis.cli.command.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.cli.terminal.TerminalText;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.memory.MemoryEdge;
import dev.noesis.core.memory.MemoryNode;
import dev.noesis.core.memory.MemoryPath;
import dev.noesis.core.memory.MemoryStatement;
import dev.noesis.core.memory.RecallOptions;
import dev.noesis.core.memory.RecallResult;
import dev.noesis.core.memory.Relation;
import dev.noesis.memory.Neo4jMemory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code noesis memory recall "cue"}. */
@Command(
        name = "recall",
        mixinStandardHelpOptions = true,
        description = "What memory holds about a cue: seeds from the vector and fulltext indexes, expanded through the"
                + " graph and ranked by activation spreading. Prints the statements a prompt would get (with sources), then"
                + " the ranked nodes with the path that explains each.")
public final class RecallCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CUE", arity = "1..*", description = "Words about what to remember.")
    List<String> cue;

    @Option(
            names = {"-k", "--seeds"},
            paramLabel = "N",
            defaultValue = "10",
            description = "Seeds from each index. Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Option(
            names = "--depth",
            paramLabel = "N",
            defaultValue = "2",
            description = "Hops of expansion. Default: ${DEFAULT-VALUE}.")
    int depth;

    @Option(
            names = "--fan-out",
            paramLabel = "N",
            defaultValue = "16",
            description = "Neighbours followed per node and hop. Default: ${DEFAULT-VALUE}.")
    int fanOut;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "25",
            description = "Nodes in the result. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(
            names = "--as-of",
            paramLabel = "TIME",
            description = "Recall what was believed then: 2024-05-01 or 2024-05-01T12:00:00Z.")
    String asOf;

    @Option(
            names = "--relation",
            paramLabel = "R",
            description = "Follow only these relations (repeatable): ${COMPLETION-CANDIDATES}.")
    List<Relation> relations = new ArrayList<>();

    @Option(names = "--json", description = "Print the whole result as JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CliContext env;

    public RecallCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        RecallOptions options;
        try {
            options = new RecallOptions(
                    seeds,
                    depth,
                    fanOut,
                    limit,
                    java.util.Optional.empty(),
                    relations.isEmpty() ? Set.of() : EnumSet.copyOf(relations));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (asOf != null) {
            options = options.withAsOf(instant(asOf));
        }
        String text = String.join(" ", cue);
        try (Neo4jMemory memory = env.wiring().memory().open()) {
            long t = System.nanoTime();
            RecallResult result = memory.recall(text, options);
            long ms = (System.nanoTime() - t) / 1_000_000;
            if (json) {
                printJson(env.out(), result, ms);
            } else {
                // Names and statements are stored text, from files and models: shown, never obeyed by the terminal.
                ByteArrayOutputStream shown = new ByteArrayOutputStream();
                print(new PrintStream(shown, true, StandardCharsets.UTF_8), result, ms);
                env.out().print(TerminalText.safe(shown.toString(StandardCharsets.UTF_8)));
            }
        }
        return ExitCodes.OK;
    }

    static Instant instant(String value) {
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    "--as-of must be a date (2024-05-01) or an instant (2024-05-01T12:00:00Z), got '" + value + "'.");
        }
    }

    private static void print(PrintStream out, RecallResult r, long ms) {
        if (r.isEmpty()) {
            out.println("Nothing in memory matches \"" + r.cue() + "\" (" + ms + " ms).");
            return;
        }
        out.printf(
                Locale.ROOT,
                "Recalled %d nodes and %d statements for \"%s\" in %d ms.%n%n",
                r.nodes().size(),
                r.statements().size(),
                r.cue(),
                ms);
        out.println("Statements (for a prompt):");
        out.print(r.render(30));
        out.println();
        out.println("Nodes (activation, and why each is here):");
        int i = 1;
        for (MemoryNode n : r.nodes()) {
            String why =
                    n.seed() && r.pathTo(n.id()).map(p -> p.edges().isEmpty()).orElse(true)
                            ? "matches the cue"
                            : r.pathTo(n.id()).map(p -> explain(r, p)).orElse("");
            out.printf(Locale.ROOT, "%3d. %6.3f  %s  [%s]  %s%n", i++, n.activation(), n.name(), n.id(), why);
        }
    }

    private static String explain(RecallResult r, MemoryPath p) {
        StringBuilder b = new StringBuilder(name(r, p.seed()));
        String at = p.seed();
        for (MemoryEdge e : p.edges()) {
            boolean forward = e.from().equals(at);
            String next = forward ? e.to() : e.from();
            b.append(forward ? " -" + e.label() + "-> " : " <-" + e.label() + "- ")
                    .append(name(r, next));
            at = next;
        }
        return b.toString();
    }

    private static String name(RecallResult r, String id) {
        return r.node(id).map(MemoryNode::name).orElse(id);
    }

    private static void printJson(PrintStream out, RecallResult r, long ms) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cue", r.cue());
        json.put("ms", ms);
        json.put(
                "statements",
                r.statements().stream().map(RecallCommand::statement).toList());
        json.put("nodes", r.nodes());
        json.put("edges", r.edges());
        json.put("paths", r.paths());
        json.put("rendering", r.render());
        try {
            out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> statement(MemoryStatement s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", s.subject());
        m.put("predicate", s.predicate());
        m.put("object", s.object());
        m.put("source", s.source());
        m.put("score", s.score());
        s.validFrom().ifPresent(t -> m.put("validFrom", t.toString()));
        s.validTo().ifPresent(t -> m.put("validTo", t.toString()));
        return m;
    }
}
