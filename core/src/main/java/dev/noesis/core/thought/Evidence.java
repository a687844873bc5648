package dev.noesis.core.thought;

import java.util.Objects;

/**
 * A passage or a memory fact brought into a run.
 *
 * @param text   what the evidence says
 * @param source where it came from (document id, URI, memory node), for provenance
 * @param score  the relevance score its retriever gave it
 * @param module the module that brought it
 */
public record Evidence(String text, String source, double score, String module) {

    public Evidence {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(module, "module");
    }
}
