package dev.noesis.cli.command;

import dev.noesis.cli.terminal.ConfigFlags;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Which model to use; shared by the commands that run one. Each flag sets its configuration key. */
public final class ModelOptions implements ConfigFlags {

    @Option(
            names = {"-m", "--model"},
            paramLabel = "MODEL",
            description = {
                "A model folder, a hub id (e.g. tjake/Llama-3.2-1B-Instruct-JQ4, downloaded once into"
                        + " ~/.noesis/models), or the URL of an OpenAI-compatible server (Ollama, vLLM, llama.cpp,"
                        + " LM Studio). Default: noesis.model, else the tiny offline demo model."
            })
    String model;

    @Option(
            names = "--model-name",
            paramLabel = "NAME",
            description =
                    "The model's name on the server, when --model is a URL (e.g. llama3.2). Default: noesis.openai.model-name.")
    String modelName;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description =
                    "Threads for an in-process model. Default: noesis.threads, else Jlama's choice (half the cores, at least 2).")
    Integer threads;

    /** The model named on the command line, if one was. */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    @Override
    public void addTo(Map<String, String> keys) {
        if (model != null) {
            keys.put("noesis.model", model);
        }
        if (modelName != null) {
            keys.put("noesis.openai.model-name", modelName);
        }
        if (threads != null) {
            keys.put("noesis.threads", threads.toString());
        }
    }
}
