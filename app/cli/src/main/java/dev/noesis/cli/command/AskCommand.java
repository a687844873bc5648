package dev.noesis.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.noesis.cli.terminal.CancelOnInterrupt;
import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ErrorReport;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.cli.terminal.TerminalText;
import dev.noesis.cli.terminal.TraceFormatter;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.model.LanguageModel;
import dev.noesis.core.run.Budget;
import dev.noesis.orchestrator.Orchestrator;
import dev.noesis.orchestrator.RunRecord;
import dev.noesis.orchestrator.RunRequest;
import dev.noesis.orchestrator.RunResult;
import dev.noesis.wiring.Composition;
import dev.noesis.wiring.Wiring;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code noesis ask}: one question through a pipeline. Never opens a network port. */
@Command(
        name = "ask",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Ask a question through a pipeline and print the answer as it is generated. The same question"
                        + " to the same model with the same settings gives the same answer (temperature 0 and a fixed seed by default).")
public final class AskCommand implements Callable<Integer> {

    static final int MAX_QUESTION_CHARS = 100_000;

    @Parameters(
            paramLabel = "QUESTION",
            arity = "0..*",
            description = "The question; several words are joined with spaces.")
    List<String> words = new ArrayList<>();

    @Option(
            names = {"-p", "--pipeline"},
            paramLabel = "NAME|FILE",
            defaultValue = "raw",
            description = "The pipeline to run: a name (see `noesis pipelines list`) or a .yaml file."
                    + " Default: ${DEFAULT-VALUE} (the question straight to the model).")
    String pipeline;

    @Option(
            names = "--no-kv-reuse",
            description = "Compute every model call's prompt in full instead of reusing the"
                    + " cached beginning it shares with the run's previous call (to measure what reuse saves).")
    boolean noKvReuse;

    /** The embedding router's threshold for {@code --adapter auto}: under it, the base model answers. */
    private static final double AUTO_THRESHOLD = 0.3;

    @Option(
            names = "--adapter",
            paramLabel = "NAME|auto|none",
            description = "A registered LoRA adapter for the whole run; auto: the embedding router chooses (the base"
                    + " model answers when no adapter is close enough); none: the base model (the default).")
    String adapter;

    @Option(names = "--trace", description = "After the answer, print every step: prompts, outputs, tokens, times.")
    boolean trace;

    @Option(names = "--json", description = "Print the whole run (answer, usage, trace) as JSON instead of text.")
    boolean json;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    GenerationOptions generation;

    @Option(names = "--max-calls", paramLabel = "N", description = "Most model calls the run may make. Default: 32.")
    Integer maxCalls;

    @Option(names = "--max-time", paramLabel = "SECONDS", description = "Longest the run may take. Default: 900.")
    Long maxSeconds;

    private final CliContext env;

    public AskCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        String question = String.join(" ", words).strip();
        if (question.isEmpty()) {
            throw new InvalidInputException(
                    "The question is empty: give the text to ask, e.g. noesis ask \"Why is the sky blue?\"");
        }
        if (question.length() > MAX_QUESTION_CHARS) {
            throw new InvalidInputException("The question is " + question.length() + " characters long; the limit is "
                    + MAX_QUESTION_CHARS + ".");
        }
        Wiring wiring = env.wiring(modelOptions);
        // Opens nothing yet: the index and memory are opened by the first module that reads them.
        Composition composition = wiring.composition();
        var pipelineToRun = composition.pipelines().get(pipeline);
        composition
                .pipelines()
                .refusal(pipeline)
                .ifPresent(why -> env.err().println("noesis: running the built-in '" + pipeline + "': " + why));
        Budget budget = Budget.DEFAULT;
        if (maxCalls != null) {
            budget = budget.withMaxModelCalls(maxCalls);
        }
        if (maxSeconds != null) {
            if (maxSeconds < 1) {
                throw new InvalidInputException("--max-time must be at least 1 second, got " + maxSeconds + ".");
            }
            budget = budget.withMaxWallTime(Duration.ofSeconds(maxSeconds));
        }
        RunRequest request = RunRequest.of(question)
                .withParams(wiring.generation(generation.overrides()))
                .withBudget(budget)
                .withCacheReuse(!noKvReuse);
        StringBuilder streamed = new StringBuilder();
        if (!json) {
            request = request.withAnswerListener(text -> {
                streamed.append(text);
                env.out().print(TerminalText.safe(text));
                env.out().flush();
            });
        }
        RunRequest toRun = request;
        var adapted = withAdapter(wiring, pipelineToRun, question);
        return CancelOnInterrupt.run(() -> {
            // The model takes any registered adapter: the one --adapter names, or an adapter-router step's choice.
            try (composition;
                    LanguageModel model = wiring.adapters()
                            .models(wiring.models().referenceFor(pipelineToRun, modelOptions.model()))) {
                return print(new Orchestrator(model).run(adapted, toRun), streamed);
            }
        });
    }

    /** The pipeline with the adapter {@code --adapter} names (or the router picks) for the whole run. */
    private dev.noesis.orchestrator.Pipeline withAdapter(
            Wiring wiring, dev.noesis.orchestrator.Pipeline pipelineToRun, String question) {
        if (adapter == null) {
            return pipelineToRun;
        }
        String chosen = adapter.strip();
        if (chosen.equalsIgnoreCase("auto")) {
            dev.noesis.lora.Route route = wiring.adapters().route(question, AUTO_THRESHOLD);
            env.err().println("noesis: adapter chosen by the router: " + route.describe());
            chosen = route.adapter().orElse("none");
        }
        return pipelineToRun.withAdapter(dev.noesis.orchestrator.AdapterChoice.of(chosen));
    }

    /**
     * Drafts were printed as they were generated; when the answer the pipeline chose is not the
     * last of them (a vote, a critic's pick), it is printed after them, marked.
     */
    private int print(RunResult result, StringBuilder streamed) {
        if (json) {
            try {
                env.out()
                        .println(new ObjectMapper()
                                .enable(SerializationFeature.INDENT_OUTPUT)
                                .writeValueAsString(RunRecord.of(result)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("the run could not be written as JSON", e);
            }
        } else {
            String answer = result.answer() == null ? "" : result.answer();
            String shown = streamed.toString();
            if (shown.isEmpty()) {
                env.out().print(TerminalText.safe(answer));
            } else if (!shown.strip().endsWith(answer.strip())) {
                env.out().print("\n\nAnswer (" + result.trace().pipeline() + "): " + TerminalText.safe(answer));
            }
            env.out().println();
            if (trace) {
                env.out().println();
                env.out().print(TraceFormatter.format(result));
            } else {
                env.err().println(TraceFormatter.usage(result.usage()));
            }
        }
        return switch (result.outcome()) {
            case COMPLETED -> ExitCodes.OK;
            case BUDGET_EXHAUSTED, CANCELLED -> {
                env.err().println("noesis: the run stopped early: " + result.stopReason());
                yield ExitCodes.STOPPED_EARLY;
            }
            case FAILED -> ErrorReport.report(env.err(), result.failure(), env.verbose());
        };
    }
}
