package dev.noesis.lora;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One registered adapter: what the registry stores about it and what the router reads.
 *
 * @param name          the adapter's name in Noesis (a request or a pipeline names it)
 * @param description   what it is for, in a sentence; part of what the embedding router compares with
 * @param examples      example prompts it is good at, for the embedding router
 * @param keywords      words that select it under the keyword router
 * @param baseModel     the base model its configuration names, if it names one
 * @param contentHash   {@code sha256:} hash of its configuration and weights ({@link PeftFolder#contentHash()})
 * @param folder        where its PEFT files are: a copy under the registry, or the folder it was added from
 * @param copied        whether {@code folder} is the registry's own copy
 * @param bytes         bytes of its two files
 * @param rank          its LoRA rank
 * @param targetModules its {@code target_modules} (empty when a regular expression)
 * @param servedAs      the name an OpenAI-compatible server (vLLM, llama.cpp) knows it by, if not {@code name}
 * @param addedAt       when it was registered
 */
public record AdapterEntry(
        String name,
        String description,
        List<String> examples,
        List<String> keywords,
        Optional<String> baseModel,
        String contentHash,
        Path folder,
        boolean copied,
        long bytes,
        int rank,
        List<String> targetModules,
        Optional<String> servedAs,
        Instant addedAt) {

    public AdapterEntry {
        description = description == null ? "" : description;
        examples = List.copyOf(examples);
        keywords = List.copyOf(keywords);
        targetModules = List.copyOf(targetModules);
    }

    /** The name a server that hosts the adapter knows it by. */
    public String serverName() {
        return servedAs.orElse(name);
    }
}
