package dev.noesis.cli.command.adapters;

import dev.noesis.cli.terminal.CliContext;
import dev.noesis.cli.terminal.ExitCodes;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.lora.AdapterEntry;
import dev.noesis.lora.AdapterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code noesis adapters add}. */
@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = "Register a PEFT LoRA adapter folder (copied into the registry unless --reference).")
public final class AddCommand implements Callable<Integer> {

    private static final long MAX_EXAMPLES_BYTES = 1 << 20;

    @Parameters(
            paramLabel = "DIR",
            description = "The adapter folder (adapter_config.json, adapter_model.safetensors).")
    Path dir;

    @Option(names = "--name", description = "The adapter's name (default: the folder's name).")
    String name;

    @Option(names = "--description", description = "What the adapter is for, in a sentence (the router reads it).")
    String description = "";

    @Option(
            names = "--examples",
            paramLabel = "FILE",
            description =
                    "Example prompts for the router, one per line (blank lines and lines starting with # skipped).")
    Path examples;

    @Option(
            names = "--keywords",
            split = ",",
            description = "Words that select the adapter under the keyword router, comma-separated.")
    List<String> keywords = List.of();

    @Option(names = "--reference", description = "Refer to the folder where it is instead of copying it.")
    boolean reference;

    @Option(
            names = "--served-as",
            description = "Its name on an OpenAI-compatible server (vLLM, llama.cpp), if another.")
    String servedAs;

    @Option(names = "--model", description = "Check the adapter against this model (folder or hub id) first.")
    String model;

    @Option(names = "--force", description = "With --model: accept it although the adapter names another base model.")
    boolean force;

    private final CliContext env;

    public AddCommand(CliContext env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        AdapterRegistry.AddRequest request =
                new AdapterRegistry.AddRequest(name, description, readExamples(), keywords, !reference, servedAs);
        AdapterEntry e = env.wiring().adapters().add(dir, request, Optional.ofNullable(model), force);
        env.out()
                .println("Registered adapter " + e.name() + " (rank " + e.rank() + ", "
                        + e.examples().size()
                        + " example prompts, "
                        + e.contentHash()
                                .substring(0, Math.min(19, e.contentHash().length()))
                        + "…) " + (e.copied() ? "copied to " : "referring to ") + e.folder());
        return ExitCodes.OK;
    }

    private List<String> readExamples() {
        if (examples == null) {
            return List.of();
        }
        try {
            if (Files.size(examples) > MAX_EXAMPLES_BYTES) {
                throw new InvalidInputException(
                        "The examples file " + examples + " is over 1 MB; give at most a few" + " hundred prompts.");
            }
            return Files.readAllLines(examples, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read the examples file " + examples + ": " + e.getMessage(), e);
        }
    }
}
