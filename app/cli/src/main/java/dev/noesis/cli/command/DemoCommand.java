package dev.noesis.cli.command;

import dev.noesis.cli.terminal.CancelOnInterrupt;
import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.cli.terminal.TraceFormatter;
import dev.noesis.core.model.GenerationParams;
import dev.noesis.core.trace.ModelCall;
import dev.noesis.jlama.JlamaLanguageModel;
import dev.noesis.orchestrator.Orchestrator;
import dev.noesis.orchestrator.RunRequest;
import dev.noesis.orchestrator.RunResult;
import dev.noesis.wiring.Composition;
import dev.noesis.wiring.HomeConfigSource;
import dev.noesis.wiring.NoesisConfig;
import dev.noesis.wiring.Wiring;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code noesis demo}: the whole path, offline, on a fresh machine. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run Noesis end to end, offline: write the tiny demo model if it is missing, ask it a question"
                + " through the orchestrator, and print the answer, the trace and the timings. The demo model has random"
                + " weights, so its answer is noise; everything around it is real. Ends with how to use a real model.")
public final class DemoCommand implements Callable<Integer> {

    static final String QUESTION = "Why does water boil at a lower temperature on a high mountain?";

    private final CliContext env;

    public DemoCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Wiring wiring = env.wiring();
        NoesisConfig config = wiring.config();
        PrintStream out = env.out();
        return CancelOnInterrupt.run(() -> {
            try (JlamaLanguageModel model = wiring.models().openDemo();
                    Composition composition = wiring.composition()) {
                out.println("Model:    " + model.folder().dir() + " (loaded in " + model.loadMs() + " ms, "
                        + model.computePath() + ")");
                out.println("Pipeline: raw (the question straight to the model)");
                out.println("Question: " + QUESTION);
                out.print("Answer:   ");
                RunRequest request = RunRequest.of(QUESTION)
                        .withParams(GenerationParams.DEFAULTS.withMaxNewTokens(48))
                        .withAnswerListener(text -> {
                            out.print(text);
                            out.flush();
                        });
                RunResult result =
                        new Orchestrator(model).run(composition.pipelines().get("raw"), request);
                out.println();
                out.println("          (noise: the demo model's weights are random)");
                out.println();
                out.print(TraceFormatter.format(result));
                ModelCall call = result.trace().spans().get(0).calls().get(0);
                out.printf(
                        "Timings:  prompt %.2f ms/token, generation %.1f tokens/s%n%n",
                        call.promptMs() / (double) Math.max(1, call.promptTokens()),
                        call.completionTokens() <= 1 || call.generationMs() == 0
                                ? 0.0
                                : (call.completionTokens() - 1) * 1000.0 / call.generationMs());
                out.println("Other pipelines (noesis pipelines list): ./noesis ask --pipeline plan-solve \"...\"");
                out.println();
                out.println("Use a real model:");
                out.println(
                        "  ./noesis ask --model tjake/Llama-3.2-1B-Instruct-JQ4 \"...\"   a hub id, downloaded once into "
                                + config.modelsDir());
                out.println(
                        "  ./noesis ask --model /path/to/model-folder \"...\"            a local folder (safetensors)");
                out.println("  ./noesis ask --model http://localhost:11434/v1 --model-name llama3.2 \"...\"");
                out.println(
                        "                                                       Ollama, vLLM, llama.cpp server, LM Studio");
                out.println("  or set noesis.model in " + config.home().resolve(HomeConfigSource.FILE)
                        + " (or NOESIS_MODEL).");
                return result.completed() ? ExitCodes.OK : ExitCodes.STOPPED_EARLY;
            }
        });
    }
}
